"""Single-file PPO for GridMMO in PyTorch, written in the style of CleanRL's ppo.py.

Every agent of every world is one row of ``gridmmo.VecEnv``. Each iteration collects ``num_steps``
ticks from all rows, then trains on the steps of the agents that were alive (dead agents keep their
rows until their world restarts; those rows are never sampled, trained on or counted).

The environment runs with ``autoreset="next-step"``: the step that ends a world's episode (horizon,
everyone dead, or early stop) returns that episode's final observation, and the world's next step
(its restart: actions ignored, zero rewards, no flags) returns the new episode's first observation.
So an agent cut off alive (truncated) bootstraps its return from the value of its final observation,
an agent that died (terminated) does not, and the restart steps are not samples.

The network is built from the environment's own description: the observation segments (names,
dtypes, shapes from ``env.observation_layout``, read with ``env.unpack``) and the action heads
(``env.action_layout``). No byte offset or size is written down here.

    cd /work/main
    PYTHONPATH=python .build/venv-torch/bin/python python/examples/cleanrl_ppo.py --minutes 5

Read top to bottom: hyperparameters, observation decoding, network, masked heads, then the loop
(rollout, GAE, clipped PPO update with minibatches, logging, checkpoint).
"""

import argparse
import ast
import dataclasses
import inspect
import json
import os
import random
import time
from dataclasses import dataclass
from typing import Optional

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import gridmmo


# ----------------------------------------------------------------------------------------------
# Hyperparameters (every one is a command-line flag: --total-steps, --learning-rate, ...)
# ----------------------------------------------------------------------------------------------


@dataclass
class Args:
    # run
    seed: int = 1
    """seed of torch, numpy, random and the environment"""
    device: str = "auto"
    """'auto' (CUDA when available, else CPU), 'cpu', 'cuda', 'cuda:1', ..."""
    torch_threads: int = 1
    """torch.set_num_threads (intra-op CPU threads)"""
    torch_deterministic: bool = True
    """torch.use_deterministic_algorithms (warn-only for ops without a deterministic version)"""
    total_steps: int = 2_000_000
    """stop after this many living agent-steps (the environment's stats()['agent_steps']; 0: no limit)"""
    minutes: float = 0.0
    """also stop after this many minutes of wall clock (0: no time limit); LR annealing then
    follows whichever budget is nearer its end, so a time-limited run is not bit-reproducible"""
    checkpoint: str = ""
    """if set, torch.save the model here at the end (written to a temporary file, then renamed)"""
    log_jsonl: str = ""
    """if set, also append every iteration's log record to this JSON-lines file"""

    # environment
    envs: int = 4
    """worlds stepped together (each holds agents_per_env agents, 128 by default)"""
    env_threads: int = 1
    """threads the engine steps the worlds on"""
    curriculum: str = "train"
    """a shipped curriculum's name, a curriculum file, or 'none' (no tasks: rewards are only the death penalty)"""
    maps: str = "train"
    """'train' or 'eval' (shipped map sets), a map directory, or 'generated' (maps made in memory)"""
    early_stop_population: int = 8
    """a world's episode ends when this many players or fewer are left (0: play it out)"""
    death_penalty: Optional[float] = None
    """reward on the tick an agent dies (None: the environment's default, -1)"""

    # rollout and returns
    num_steps: int = 64
    """ticks per rollout; a batch holds num_steps x rows steps, of which the living ones (outside
    world restarts) are samples"""
    gamma: float = 0.99
    gae_lambda: float = 0.95
    reward_clip: float = 1.0
    """rewards are clipped to [-reward_clip, reward_clip] for training (0: no clipping)"""

    # optimisation
    learning_rate: float = 5e-4
    anneal_lr: bool = True
    """anneal the learning rate linearly to 0 over the run"""
    update_epochs: int = 2
    minibatch_size: int = 2048
    """living samples per minibatch (the batch is cut into round(samples / this) equal minibatches)"""
    norm_adv: bool = True
    clip_coef: float = 0.2
    clip_vloss: bool = True
    ent_coef: float = 0.01
    vf_coef: float = 0.5
    max_grad_norm: float = 0.5
    target_kl: Optional[float] = None
    """stop the update's epochs early when the approximate KL exceeds this (None: never)"""

    # network
    hidden: int = 128
    """width of the trunk that every encoder feeds"""
    tile_embed: int = 8
    """embedding width of a tile's material id"""
    tile_channels: int = 32
    """channels of the convolution over the tile window"""
    local_radius: int = 2
    """the (2r+1)^2 tiles around the agent are also read directly, at full resolution"""
    row_width: int = 32
    """per-row width of the table encoders (entities, inventory, market, skills, ...)"""
    encoder_width: int = 64
    """output width of each segment encoder"""


def field_docs(cls):
    """The string written under each field of a dataclass (what CleanRL's tyro shows as --help)."""
    docs, body = {}, ast.parse(inspect.getsource(cls)).body[0].body
    for statement, following in zip(body, body[1:]):
        if isinstance(statement, ast.AnnAssign) and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant):
            docs[statement.target.id] = " ".join(str(following.value.value).split())
    return docs


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    docs = field_docs(Args)
    for field in dataclasses.fields(Args):
        flag, help_text = "--" + field.name.replace("_", "-"), docs.get(field.name, " ")
        if field.type is bool:
            parser.add_argument(flag, action=argparse.BooleanOptionalAction, default=field.default, help=help_text)
        elif field.type == Optional[float]:
            parser.add_argument(flag, type=float, default=field.default, help=help_text)
        else:
            parser.add_argument(flag, type=field.type, default=field.default, help=help_text)
    return Args(**vars(parser.parse_args()))


# ----------------------------------------------------------------------------------------------
# Observations: flat uint8 records -> one tensor per segment
# ----------------------------------------------------------------------------------------------

# The grid of categorical material ids, embedded and convolved, and the curriculum task index,
# looked up rather than read as a number. Every other segment is read as numbers.
GRID_SEGMENT = "tiles"
TASK_INDEX_SEGMENT = "task"
TASK_EMBEDDING_SEGMENT = "task_embedding"


def observation_tensors(layout, records, device):
    """Views (batch, bytes_per_agent) uint8 records by segment (``layout.unpack``) and converts them.

    The categorical grid and the task index stay integers (long); every other integer segment is
    squashed with symlog = sign(x) log(1 + |x|), which keeps health 0...100, positions 0...160 and
    experience in the thousands within a few units without writing down any range; float segments
    (task progress, the task embedding) are used as they are.
    """
    segments = layout.unpack(records)
    tensors = {}
    for segment in layout.segments:
        if segment.nbytes == 0:
            continue
        values = torch.from_numpy(np.ascontiguousarray(segments[segment.name])).to(device, non_blocking=True)
        if segment.name in (GRID_SEGMENT, TASK_INDEX_SEGMENT):
            tensors[segment.name] = values.long()
        elif segment.dtype.kind == "f":
            tensors[segment.name] = values.float()
        else:
            values = values.float()
            tensors[segment.name] = torch.sign(values) * torch.log1p(values.abs())
    return tensors


# ----------------------------------------------------------------------------------------------
# Network: one encoder per segment, a shared trunk, one categorical per action head and a value
# ----------------------------------------------------------------------------------------------


def layer_init(layer, std=np.sqrt(2), bias=0.0):
    """Orthogonal weights with gain ``std`` and constant bias (CleanRL's initialisation)."""
    nn.init.orthogonal_(layer.weight, std)
    nn.init.constant_(layer.bias, bias)
    return layer


class GridEncoder(nn.Module):
    """A window of categorical ids (e.g. 15 x 15 tiles): embedding -> strided conv -> linear, plus
    the small square around the centre (the agent's own tile and neighbours) read at full resolution."""

    def __init__(self, segment, args):
        super().__init__()
        height, width = segment.shape
        categories = int(np.iinfo(segment.dtype).max) + 1  # every value the dtype can hold
        self.embed = nn.Embedding(categories, args.tile_embed)
        self.conv = layer_init(nn.Conv2d(args.tile_embed, args.tile_channels, kernel_size=5, stride=3))
        conv_out = self.conv(torch.zeros(1, args.tile_embed, height, width)).numel()
        self.conv_fc = layer_init(nn.Linear(conv_out, args.encoder_width * 2))
        r = min(args.local_radius, height // 2, width // 2)
        self.rows = slice(height // 2 - r, height // 2 + r + 1)
        self.cols = slice(width // 2 - r, width // 2 + r + 1)
        self.local_fc = layer_init(nn.Linear((2 * r + 1) ** 2 * args.tile_embed, args.encoder_width))
        self.out_features = args.encoder_width * 3

    def forward(self, ids):
        embedded = self.embed(ids)  # (B, H, W, E)
        grid = F.relu(self.conv(embedded.permute(0, 3, 1, 2)))
        far = F.relu(self.conv_fc(grid.flatten(1)))
        near = F.relu(self.local_fc(embedded[:, self.rows, self.cols].flatten(1)))
        return torch.cat([far, near], dim=1)


class TableEncoder(nn.Module):
    """A (rows, columns) table (entities, inventory slots, market entries, skills): the same small
    layer on every row, then one layer over all rows flattened, so a row's position still counts
    (the action heads pick entity rows and inventory slots by position)."""

    def __init__(self, segment, args):
        super().__init__()
        rows, columns = segment.shape
        row_width = min(args.row_width, max(8, 4 * columns))
        self.row_fc = layer_init(nn.Linear(columns, row_width))
        self.table_fc = layer_init(nn.Linear(rows * row_width, args.encoder_width))
        self.out_features = args.encoder_width

    def forward(self, table):
        return F.relu(self.table_fc(F.relu(self.row_fc(table)).flatten(1)))


class Agent(nn.Module):
    def __init__(self, observation_layout, action_layout, args, task_table=None):
        super().__init__()
        self.grid_names, self.table_names, self.vector_names = [], [], []
        self.encoders = nn.ModuleDict()
        features = 0
        vector_width = 0
        self.task_lookup = False
        for segment in observation_layout.segments:
            if segment.nbytes == 0:
                continue
            if segment.name == GRID_SEGMENT:
                self.encoders[segment.name] = GridEncoder(segment, args)
                self.grid_names.append(segment.name)
                features += self.encoders[segment.name].out_features
            elif segment.name == TASK_INDEX_SEGMENT:
                # Without the embedding in the observation, look the task's embedding up by index.
                if TASK_EMBEDDING_SEGMENT not in observation_layout and task_table is not None:
                    self.register_buffer("task_table", torch.as_tensor(task_table, dtype=torch.float32))
                    self.encoders[TASK_EMBEDDING_SEGMENT] = layer_init(nn.Linear(self.task_table.shape[1], args.encoder_width))
                    self.task_lookup = True
                    features += args.encoder_width
            elif segment.name == TASK_EMBEDDING_SEGMENT:
                self.encoders[segment.name] = layer_init(nn.Linear(int(np.prod(segment.shape)), args.encoder_width))
                features += args.encoder_width
            elif len(segment.shape) == 2:
                self.encoders[segment.name] = TableEncoder(segment, args)
                self.table_names.append(segment.name)
                features += args.encoder_width
            else:  # scalars and vectors (tick, self, equipment, task_progress, ...): concatenated
                self.vector_names.append(segment.name)
                vector_width += int(np.prod(segment.shape))
        if vector_width:
            self.encoders["vectors"] = layer_init(nn.Linear(vector_width, args.encoder_width * 2))
            features += args.encoder_width * 2
        self.trunk = nn.Sequential(
            layer_init(nn.Linear(features, args.hidden)), nn.ReLU(),
            layer_init(nn.Linear(args.hidden, args.hidden)), nn.ReLU(),
        )
        self.head_sizes = [head.size for head in action_layout.heads]
        self.mask_slices = [slice(head.mask_offset, head.mask_offset + head.size) for head in action_layout.heads]
        self.actor = layer_init(nn.Linear(args.hidden, sum(self.head_sizes)), std=0.01)
        self.critic = layer_init(nn.Linear(args.hidden, 1), std=1.0)

    def hidden(self, obs):
        parts = [self.encoders[name](obs[name]) for name in self.grid_names]
        parts += [self.encoders[name](obs[name]) for name in self.table_names]
        if TASK_EMBEDDING_SEGMENT in self.encoders:
            task = self.task_table[obs[TASK_INDEX_SEGMENT][:, 0]] if self.task_lookup else obs[TASK_EMBEDDING_SEGMENT]
            parts.append(F.relu(self.encoders[TASK_EMBEDDING_SEGMENT](task)))
        if self.vector_names:
            vectors = torch.cat([obs[name].flatten(1) for name in self.vector_names], dim=1)
            parts.append(F.relu(self.encoders["vectors"](vectors)))
        return self.trunk(torch.cat(parts, dim=1))

    def get_value(self, obs):
        return self.critic(self.hidden(obs)).squeeze(1)

    def get_action_and_value(self, obs, masks, actions=None):
        """Samples (or scores the given) actions: one masked categorical per head, the action's
        log-probability and entropy summed over heads, and the value."""
        h = self.hidden(obs)
        logits = torch.split(self.actor(h), self.head_sizes, dim=1)
        sampled, log_prob, entropy = [], 0.0, 0.0
        for index, (head_logits, mask_slice) in enumerate(zip(logits, self.mask_slices)):
            legal = masks[:, mask_slice]
            # -1e9 rather than -inf keeps softmax, p log p and their gradients finite; every head
            # has at least one legal option, so the normaliser never sees only masked entries.
            # (probabilities come from softmax, not exp(log p): on CPU, torch's exp and multinomial
            # take a slow path on hugely negative inputs, which made them half the forward's time.)
            masked = head_logits.masked_fill(~legal, -1e9)
            head_log_probs = F.log_softmax(masked, dim=1)
            head_probs = F.softmax(masked, dim=1)
            if actions is None:
                # inverse-CDF sampling: the first option whose cumulative probability reaches u, with
                # u in (0, 1]; an option of probability 0 (illegal) is never the first to reach it.
                cumulative = head_probs.cumsum(dim=1)
                u = (1.0 - torch.rand(cumulative.shape[0], 1, device=cumulative.device)) * cumulative[:, -1:]
                choice = (cumulative < u).sum(dim=1).clamp_(max=head_probs.shape[1] - 1)
                sampled.append(choice)
            else:
                choice = actions[:, index]
            log_prob = log_prob + head_log_probs.gather(1, choice.unsqueeze(1)).squeeze(1)
            entropy = entropy - (head_probs * head_log_probs).sum(1)
        if actions is None:
            actions = torch.stack(sampled, dim=1)
        return actions, log_prob, entropy, self.critic(h).squeeze(1)


# ----------------------------------------------------------------------------------------------
# Helpers: environment options, seeding, checkpoint
# ----------------------------------------------------------------------------------------------


def resolve_curriculum(name):
    if name.lower() == "none":
        return None
    return name if os.path.exists(name) else gridmmo.curriculum_path(name)


def resolve_maps(name):
    if name == "generated":
        return None
    if name == "train":
        return gridmmo.train_maps()
    if name == "eval":
        return gridmmo.eval_maps()
    return name


def seed_everything(args):
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    if args.torch_deterministic:
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.use_deterministic_algorithms(True, warn_only=True)
        torch.backends.cudnn.deterministic = True
        torch.backends.cudnn.benchmark = False


def save_checkpoint(path, agent, optimizer, args, env, agent_steps):
    """torch.save into a temporary file beside ``path``, then rename: a reader never sees half a file."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    temporary = os.path.join(directory, f".{os.path.basename(path)}.tmp.{os.getpid()}")
    payload = {
        "model": agent.state_dict(),
        "optimizer": optimizer.state_dict(),
        "args": dataclasses.asdict(args),
        "agent_steps": agent_steps,
        "observation": env.description["observation"],
        "actions": env.description["actions"],
        "tasks": [task["name"] for task in env.tasks],
        "gridmmo_version": gridmmo.__version__,
    }
    try:
        torch.save(payload, temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


# ----------------------------------------------------------------------------------------------
# Training
# ----------------------------------------------------------------------------------------------


def summarise(history):
    """Prints the first and last quarter of the run's iterations side by side (per-sample and
    per-episode means weighted by their counts), the quickest read of whether anything was learnt."""
    if len(history) < 4:
        return
    quarter = len(history) // 4

    def window(records):
        samples = sum(r["samples"] for r in records)
        episodes = sum(r["agent_episodes"] for r in records)
        worlds = sum(r["episodes"] for r in records)
        dealt = sum(r["tasks_assigned"] for r in records)
        completed = sum(r["tasks_completed"] for r in records)

        def per_episode(key):
            return sum((r[key] or 0.0) * r["agent_episodes"] for r in records) / episodes if episodes else float("nan")

        return (
            f"iterations {records[0]['iteration']}-{records[-1]['iteration']}: {samples:,} living steps,"
            f" reward/step {sum(r['reward_per_step'] * r['samples'] for r in records) / max(samples, 1):+.5f},"
            f" agent return {per_episode('episode_return'):+.3f}, task progress {per_episode('task_progress_per_agent_episode'):.3f},"
            f" life {per_episode('agent_lifetime'):.1f} ticks, died {per_episode('died_fraction'):.1%};"
            f" tasks completed {completed} / dealt {dealt}" + (f" ({completed / dealt:.1%})" if dealt else "")
            + (f", {completed / worlds:.1f} per world episode" if worlds else "")
        )

    print("first quarter: " + window(history[:quarter]))
    print("last quarter:  " + window(history[-quarter:]))


def main():
    args = parse_args()
    seed_everything(args)
    torch.set_num_threads(args.torch_threads)
    if args.device == "auto":
        device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    else:
        device = torch.device(args.device)

    env = gridmmo.VecEnv(
        envs=args.envs,
        seed=args.seed,
        threads=args.env_threads,
        curriculum=resolve_curriculum(args.curriculum),
        maps=resolve_maps(args.maps),
        early_stop_population=args.early_stop_population,
        death_penalty=args.death_penalty,
        autoreset="next-step",  # the step that ends an episode returns its final observation
    )
    layout, action_layout = env.observation_layout, env.action_layout
    rows, heads = env.num_agents, action_layout.head_count
    task_table = env.task_embeddings if env.tasks else None

    agent = Agent(layout, action_layout, args, task_table).to(device)
    optimizer = torch.optim.Adam(agent.parameters(), lr=args.learning_rate, eps=1e-5)
    sampler = np.random.default_rng(args.seed)  # minibatch shuffling
    parameters = sum(p.numel() for p in agent.parameters())
    print(f"GridMMO {env.num_worlds} worlds x {env.agents_per_env} agents = {rows} rows, horizon {env.horizon}, "
          f"{len(env.tasks)} tasks; observation segments "
          + ", ".join(f"{s.name}{list(s.shape)}:{s.dtype}" for s in layout.segments)
          + "; heads " + ", ".join(f"{h.name}:{h.size}" for h in action_layout.heads))
    print(f"policy: {parameters:,} parameters on {device}; torch {torch.__version__}, {torch.get_num_threads()} thread(s)")

    # Rollout storage: (num_steps, rows). Raw observation records are kept and decoded per minibatch.
    T = args.num_steps
    obs_buf = np.zeros((T, rows, layout.bytes_per_agent), np.uint8)
    mask_buf = np.zeros((T, rows, action_layout.mask_width), np.uint8)
    samples_buf = np.zeros((T, rows), bool)  # a living agent acting in its episode: a training sample
    actions_buf = np.zeros((T, rows, heads), np.int64)
    logprobs_buf = torch.zeros((T, rows))
    values_buf = torch.zeros((T, rows))
    rewards_buf = np.zeros((T, rows), np.float32)  # as the environment paid them (for logging)
    terminations_buf = np.zeros((T, rows), np.float32)  # 1 if the row's agent died in this step
    truncations_buf = np.zeros((T, rows), np.float32)  # 1 if its world's episode ended with it alive
    nothing = np.tile(action_layout.nothing, (rows, 1))  # what dead rows "do"

    # Per-row episode bookkeeping (an agent's episode ends when it dies or its world ends). The task
    # progress an agent made is its return without the death penalty (a completed task pays 1 in all).
    death_penalty = float(env.description["death_penalty"])
    episode_return = np.zeros(rows, np.float64)
    episode_length = np.zeros(rows, np.int64)
    history = []

    env.reset(seed=args.seed)
    start = time.time()
    budget_seconds = args.minutes * 60.0
    last_stats = {key: 0 for key in env.stats()}  # iteration 1 also counts the tasks dealt at reset
    iteration = 0
    agent_steps = 0

    def progress():
        fractions = [agent_steps / args.total_steps] if args.total_steps > 0 else []
        if budget_seconds > 0:
            fractions.append((time.time() - start) / budget_seconds)
        return max(fractions) if fractions else 0.0

    while progress() < 1.0:
        iteration += 1
        iteration_start = time.time()
        if args.anneal_lr:
            optimizer.param_groups[0]["lr"] = args.learning_rate * max(0.0, 1.0 - progress())
        finished_returns, finished_lengths, finished_progress, finished_deaths = [], [], [], []
        logprobs_buf.zero_()
        values_buf.zero_()

        # ---- rollout: only living rows are run through the network; dead rows act "nothing" ----
        # The living rows include the final observations of agents truncated by the previous step:
        # their values bootstrap that step's return, and the actions drawn for them are ignored (the
        # world restarts in this step).
        inference_time = 0.0
        for t in range(T):
            alive = env.alive()
            living = np.flatnonzero(alive)
            obs_buf[t] = env.observations
            mask_buf[t] = env.masks
            actions = nothing.copy()
            if living.size:
                tic = time.time()
                with torch.no_grad():
                    obs = observation_tensors(layout, env.observations[living], device)
                    masks = torch.from_numpy(env.masks[living]).to(device).bool()
                    action, logprob, _, value = agent.get_action_and_value(obs, masks)
                actions[living] = action.cpu().numpy()
                logprobs_buf[t, living] = logprob.cpu()
                values_buf[t, living] = value.cpu()
                inference_time += time.time() - tic
            actions_buf[t] = actions

            _, rewards, terminations, truncations, _ = env.step(actions.astype(np.int32))
            # A world's restart step is the only step that returns an observation at tick 0 (its new
            # episode's first); it carries no reward or flag and is not a sample, for any of its rows.
            restarted = env.unpack()["tick"][:, 0] == 0
            sample = alive & ~restarted
            done = terminations | truncations
            samples_buf[t] = sample
            rewards_buf[t] = rewards
            terminations_buf[t] = terminations
            truncations_buf[t] = truncations
            episode_return += rewards * sample
            episode_length += sample
            ended = np.flatnonzero(done & sample)
            died = terminations[ended]
            finished_returns.extend(episode_return[ended].tolist())
            finished_lengths.extend(episode_length[ended].tolist())
            finished_progress.extend((episode_return[ended] - death_penalty * died).tolist())
            finished_deaths.extend(died.tolist())
            episode_return[done] = 0.0
            episode_length[done] = 0

        # ---- bootstrap and GAE (per row; a series stops where the row's episode ended) ----
        # The observations after the last step: the rollout's continuation, or the final observations
        # of agents truncated in that step.
        next_alive = env.alive()
        next_value = torch.zeros(rows)
        living = np.flatnonzero(next_alive)
        if living.size:
            with torch.no_grad():
                next_value[living] = agent.get_value(observation_tensors(layout, env.observations[living], device)).cpu()
        # values_buf[t + 1] is the value of the observation step t returned: the same agent's next
        # living step, or, for an agent truncated in step t (alive when its world's episode ended),
        # its final observation, valued in the world's restart step. A death is terminal (no
        # bootstrap); any ended episode (death or truncation) stops the series, so GAE never chains
        # across episodes, and the restart steps between them, which are no samples, feed nothing.
        rewards = torch.from_numpy(rewards_buf)
        if args.reward_clip > 0:
            rewards = rewards.clamp(-args.reward_clip, args.reward_clip)
        terminated = torch.from_numpy(terminations_buf)
        episode_over = torch.clamp(terminated + torch.from_numpy(truncations_buf), max=1.0)
        advantages = torch.zeros((T, rows))
        running = torch.zeros(rows)
        for t in reversed(range(T)):
            following = next_value if t == T - 1 else values_buf[t + 1]
            delta = rewards[t] + args.gamma * following * (1.0 - terminated[t]) - values_buf[t]
            running = delta + args.gamma * args.gae_lambda * (1.0 - episode_over[t]) * running
            advantages[t] = running
        advantages *= torch.from_numpy(samples_buf)  # rows that are no samples: dead, or a restart
        returns = advantages + values_buf

        # ---- flatten the living samples ----
        samples = np.flatnonzero(samples_buf.reshape(-1))
        b_obs = obs_buf.reshape(-1, layout.bytes_per_agent)
        b_masks = mask_buf.reshape(-1, action_layout.mask_width)
        b_actions = torch.from_numpy(actions_buf.reshape(-1, heads))
        b_logprobs = logprobs_buf.reshape(-1)
        b_values = values_buf.reshape(-1)
        b_advantages = advantages.reshape(-1)
        b_returns = returns.reshape(-1)

        # ---- PPO update: shuffled minibatches of living samples, clipped surrogate and value ----
        update_start = time.time()
        minibatches = max(1, round(samples.size / args.minibatch_size))
        clipfracs, approx_kl, old_approx_kl = [], torch.tensor(0.0), torch.tensor(0.0)
        pg_loss = v_loss = entropy_loss = torch.tensor(0.0)
        epochs_run = 0
        for epoch in range(args.update_epochs):
            epochs_run += 1
            for batch in np.array_split(sampler.permutation(samples), minibatches):
                if batch.size == 0:
                    continue
                index = torch.from_numpy(batch)
                obs = observation_tensors(layout, b_obs[batch], device)
                masks = torch.from_numpy(b_masks[batch]).to(device).bool()
                _, new_logprob, entropy, new_value = agent.get_action_and_value(obs, masks, b_actions[index].to(device))
                old_logprob = b_logprobs[index].to(device)
                log_ratio = new_logprob - old_logprob
                ratio = log_ratio.exp()
                with torch.no_grad():
                    old_approx_kl = (-log_ratio).mean()
                    approx_kl = ((ratio - 1) - log_ratio).mean()
                    clipfracs.append(((ratio - 1.0).abs() > args.clip_coef).float().mean().item())

                mb_advantages = b_advantages[index].to(device)
                if args.norm_adv and batch.size > 1:
                    mb_advantages = (mb_advantages - mb_advantages.mean()) / (mb_advantages.std() + 1e-8)

                # policy loss: the pessimistic (max) of the unclipped and clipped objectives' negatives
                surrogate = -mb_advantages * ratio
                surrogate_clipped = -mb_advantages * torch.clamp(ratio, 1 - args.clip_coef, 1 + args.clip_coef)
                pg_loss = torch.max(surrogate, surrogate_clipped).mean()

                # value loss, optionally clipped around the rollout's value estimates
                mb_returns = b_returns[index].to(device)
                mb_old_values = b_values[index].to(device)
                if args.clip_vloss:
                    unclipped = (new_value - mb_returns) ** 2
                    clipped_value = mb_old_values + torch.clamp(new_value - mb_old_values, -args.clip_coef, args.clip_coef)
                    v_loss = 0.5 * torch.max(unclipped, (clipped_value - mb_returns) ** 2).mean()
                else:
                    v_loss = 0.5 * ((new_value - mb_returns) ** 2).mean()

                entropy_loss = entropy.mean()
                loss = pg_loss - args.ent_coef * entropy_loss + args.vf_coef * v_loss

                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(agent.parameters(), args.max_grad_norm)
                optimizer.step()

            if args.target_kl is not None and approx_kl > args.target_kl:
                break
        update_time = time.time() - update_start

        # ---- logging: throughput in living agent-steps, rewards per living step, env counters ----
        stats = env.stats()
        delta = {key: stats[key] - last_stats[key] for key in stats}
        last_stats = stats
        agent_steps = stats["agent_steps"]
        elapsed = time.time() - iteration_start
        y_pred, y_true = b_values[samples].numpy(), b_returns[samples].numpy()
        variance = np.var(y_true)
        explained_variance = float("nan") if variance == 0 else float(1 - np.var(y_true - y_pred) / variance)
        living_rewards = rewards_buf.reshape(-1)[samples]
        record = {
            "iteration": iteration,
            "agent_steps": agent_steps,
            "samples": int(samples.size),
            "sps": delta["agent_steps"] / elapsed,
            "sps_overall": agent_steps / (time.time() - start),
            "reward_per_step": float(living_rewards.mean()) if samples.size else 0.0,
            "episode_return": float(np.mean(finished_returns)) if finished_returns else None,
            "agent_lifetime": float(np.mean(finished_lengths)) if finished_lengths else None,
            "agent_episodes": len(finished_returns),
            "task_progress_per_agent_episode": float(np.mean(finished_progress)) if finished_progress else None,
            "died_fraction": float(np.mean(finished_deaths)) if finished_deaths else None,
            "episodes": delta["episodes"],
            "tasks_assigned": delta["tasks_assigned"],
            "tasks_completed": delta["tasks_completed"],
            "tasks_completed_per_episode": delta["tasks_completed"] / delta["episodes"] if delta["episodes"] else None,
            "task_completion_overall": stats["tasks_completed"] / stats["tasks_assigned"] if stats["tasks_assigned"] else 0.0,
            "illegal_actions": delta["illegal_actions"],
            "policy_loss": pg_loss.item(),
            "value_loss": v_loss.item(),
            "entropy": entropy_loss.item(),
            "approx_kl": approx_kl.item(),
            "old_approx_kl": old_approx_kl.item(),
            "clipfrac": float(np.mean(clipfracs)) if clipfracs else 0.0,
            "explained_variance": explained_variance,
            "learning_rate": optimizer.param_groups[0]["lr"],
            "epochs": epochs_run,
            "minibatches": minibatches,
            "time_inference": inference_time,
            "time_update": update_time,
            "time_total": elapsed,
        }

        def show(value, spec):
            return "-" if value is None else format(value, spec)

        print(
            f"it {iteration:4d} | steps {agent_steps:>10,} | {record['sps']:6,.0f} agent-steps/s"
            f" (infer {inference_time:4.1f}s, update {update_time:4.1f}s) | reward/step {record['reward_per_step']:+.4f}"
            f" | agent episodes {len(finished_returns)}: return {show(record['episode_return'], '+.3f')}"
            f" task progress {show(record['task_progress_per_agent_episode'], '.3f')} life {show(record['agent_lifetime'], '.0f')}"
            f" | world episodes {delta['episodes']}, tasks completed {delta['tasks_completed']} dealt {delta['tasks_assigned']}"
            f" (run: {record['task_completion_overall']:.1%})"
            f" | pg {record['policy_loss']:+.4f} v {record['value_loss']:.4f} ent {record['entropy']:.2f}"
            f" kl {record['approx_kl']:.4f} clip {record['clipfrac']:.3f} ev {explained_variance:+.2f} lr {record['learning_rate']:.2e}",
            flush=True,
        )
        if args.log_jsonl:
            with open(args.log_jsonl, "a") as log:
                log.write(json.dumps(record) + "\n")
        history.append(record)

    total = time.time() - start
    summarise(history)
    print(f"done: {agent_steps:,} living agent-steps in {total:.0f}s ({agent_steps / total:,.0f}/s), {iteration} iterations; env stats {env.stats()}")
    if args.checkpoint:
        save_checkpoint(args.checkpoint, agent, optimizer, args, env, agent_steps)
        print(f"checkpoint: {args.checkpoint}")
    env.close()


if __name__ == "__main__":
    main()
