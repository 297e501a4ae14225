extension String {
    /// The string, or its first `limit` characters and "…" when it is longer: how a value of any
    /// length is quoted in an error message (only the first `limit` characters are looked at).
    public func excerpt(_ limit: Int = 40) -> String {
        guard let cut = index(startIndex, offsetBy: limit, limitedBy: endIndex), cut < endIndex else { return self }
        return self[..<cut] + "…"
    }
}
