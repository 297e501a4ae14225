import MMOViewer
import Testing

/// Camera geometry: fitting, tile and screen coordinates, zooming around a point, panning.
struct CameraTests {
    let viewport = PixelRect(x: 0, y: 0, width: 968, height: 684)

    @Test func fitsThePlayableSquareAtAnIntegerTileSize() {
        #expect(Camera.fitting(mapSize: 160, playableSide: 129, in: viewport).tileSize == 4)
        #expect(Camera.fitting(mapSize: 64, playableSide: 33, in: viewport).tileSize == 16)
        let camera = Camera.fitting(mapSize: 160, playableSide: 129, in: viewport)
        let middle = camera.tile(atX: viewport.width / 2, y: viewport.height / 2, in: viewport)
        #expect(middle.row == 80 && middle.col == 80)
    }

    @Test func tilesAndScreenPixelsAgree() {
        let camera = Camera(tileSize: 8, centerRow: 31.5, centerCol: 20.25)
        for (row, col) in [(0, 0), (31, 20), (63, 5), (-2, 70)] {
            let rect = camera.rect(row: row, col: col, in: viewport)
            #expect(rect.width == 8 && rect.height == 8)
            let corner = camera.tile(atX: rect.x, y: rect.y, in: viewport)
            let far = camera.tile(atX: rect.maxX - 1, y: rect.maxY - 1, in: viewport)
            #expect(corner.row == row && corner.col == col && far.row == row && far.col == col)
        }
        let visible = camera.visibleTiles(in: viewport, mapSize: 64)
        #expect(visible.rows == 0..<64 && visible.cols.lowerBound == 0 && visible.cols.upperBound == 64)
    }

    @Test func zoomKeepsTheTileUnderThePointer() {
        var camera = Camera(tileSize: 8, centerRow: 32, centerCol: 32)
        let before = camera.tile(atX: 700, y: 100, in: viewport)
        camera.zoom(by: 1, atX: 700, y: 100, in: viewport)
        #expect(camera.tileSize == 16)
        let after = camera.tile(atX: 700, y: 100, in: viewport)
        #expect(before.row == after.row && before.col == after.col)
        for _ in 0..<10 { camera.zoom(by: 1, atX: 0, y: 0, in: viewport) }
        #expect(camera.tileSize == Camera.zoomLevels.last)
        for _ in 0..<10 { camera.zoom(by: -1, atX: 0, y: 0, in: viewport) }
        #expect(camera.tileSize == Camera.zoomLevels.first)
    }

    @Test func panningFollowsTheDrag() {
        var camera = Camera(tileSize: 16, centerRow: 32, centerCol: 32)
        camera.pan(dx: 32, dy: -16)
        #expect(camera.centerCol == 30 && camera.centerRow == 33)
        camera.pan(dx: 10_000, dy: 0)
        camera.clamp(mapSize: 64)
        #expect(camera.centerCol == 0)
    }
}
