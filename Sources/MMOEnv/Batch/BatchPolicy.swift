/// Something that chooses every agent's actions of a `VecEnv` from what the environment wrote.
/// Policies fill one `Int32` per action head per agent (`actions` holds `totalAgents` x `headCount`);
/// they must pick legal options.
public protocol BatchPolicy: AnyObject {
    func act(env: VecEnv, buffers: StepBuffers, actions: UnsafeMutableBufferPointer<Int32>)
}
