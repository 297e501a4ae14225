#!/usr/bin/env python3
"""GridMMO's default policy network and PPO update, mirrored in PyTorch, for a CPU throughput comparison.

The network is `MMOTrain.PolicyNetwork` with `PolicyConfig()` sizes, the default `Config` (15x15 tile
window, 16 entity rows, 12 inventory slots, 160 market entries, exchange max price 99, 127 comm
tokens) and a curriculum (256-wide task embedding), layer for layer and parameter for parameter:

  tiles    [B,15,15] ids in 0..<96 -> Conv2d(96->32, k5, s3) on the one-hot planes -> ReLU
           -> (channels last, as Swift) flatten 4*4*32 = 512 -> Linear(512->128) -> ReLU
  entities [B,16,18] -> Linear(18->64) -> ReLU (the entity keys) -> masked mean ++ masked max (128)
  inventory[B,12,29] -> Linear(29->64) -> ReLU (the item keys)   -> masked mean ++ masked max (128)
  self     [B,41]  -> Linear(41->64)   -> ReLU
  market   [B,320] -> Linear(320->32)  -> ReLU
  task     [B,256] -> Linear(256->64)  -> ReLU
  fused (544) -> Linear(544->128) -> ReLU = h
  heads: Linear(128->497) split into move 5, attack_style 3, sell_price 100, buy 161,
         give_gold_amount 100, comm 128 (ActionHeadKind order);
         attack/give/give_gold target: Linear(128->64) query, logits = keys . query ++ [0] (17);
         use/destroy/give_item/sell_item: Linear(128->64) query, logits = keys . query ++ [0] (13);
         value: Linear(128->1).

Every head is a masked categorical (masked_fill -1e9, log_softmax); log-probabilities and entropies
are summed over the 13 heads. The update is PPOObjective + Trainer.minibatchStep: advantages
normalised per minibatch (population std, + 1e-8), clipped surrogate (0.2), clipped value loss
(0.5 * 0.5 * mean max(...)), entropy bonus 0.01, global grad-norm clip 0.5, Adam(lr 5e-4, eps 1e-5).

Two tile encoders are measured, labelled in the output:
  onehot_conv  torch.nn.Conv2d over the one-hot planes (what a PyTorch port would naturally write);
  gather_bag   the same convolution as GridMMO computes it (CategoricalConv2D): per output cell, the
               sum over its 25 kernel cells of the weight row picked by (id, ky, kx), done with
               F.embedding_bag(mode="sum") over a [96*5*5, 32] table (Swift's weight layout), + bias;
  gather_bag_index_add (opt-in) the same forward, with the weight gradient scattered by index_add_
               in a custom autograd Function instead of embedding_bag's sort-based backward.
All have the same 96*5*5*32 + 32 parameters and, with the same weights, the same outputs and weight
gradients (checked at start-up).

Inputs are random tensors of the right shapes with realistic validity masks and action masks.
"""

import argparse
import json
import math
import os
import platform
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# ---------------------------------------------------------------------------------------------
# Sizes: PolicyConfig() defaults, ObservationFeatures, and the action heads under the default Config.

SIDE = 15                      # config.observation.visionRadius 7 -> 15x15 window
MATERIALS = 16                 # Material.count
OCCUPANTS = 6                  # ObservationFeatures.occupants
TILE_VOCAB = MATERIALS * OCCUPANTS  # 96
TILE_CHANNELS, TILE_KERNEL, TILE_STRIDE, TILE_WIDTH = 32, 5, 3, 128
ENTITY_ROWS, ENTITY_FEATURES = 16, 18       # config.observation.entities; 5 + 13
INVENTORY_ROWS, INVENTORY_FEATURES = 12, 29  # config.items.inventorySize; ItemKind.count + 1 + 12
SELF_FEATURES = 41                           # 18 + 1 + 2 * Skill.count + EquipmentSlot.count + 1
MARKET_FEATURES = 160 * 2                    # MarketBoard.entryCount (16 kinds x 10 levels) x 2
TASK_DIM = 256                               # TaskEmbedding.dimension = 2 * 127 + 2
ENTITY_WIDTH = ITEM_WIDTH = SELF_WIDTH = TASK_WIDTH = 64
MARKET_WIDTH = 32
HIDDEN = 128
FUSED = TILE_WIDTH + 2 * ENTITY_WIDTH + 2 * ITEM_WIDTH + SELF_WIDTH + MARKET_WIDTH + TASK_WIDTH  # 544

# Plain heads in ActionHeadKind order (the pointer heads are skipped there): one Linear's columns.
PLAIN_HEADS = [("move", 5), ("attack_style", 3), ("sell_price", 100), ("buy", 161),
               ("give_gold_amount", 100), ("comm", 128)]
ENTITY_HEADS = ["attack_target", "give_target", "give_gold_target"]   # ENTITY_ROWS + 1 options, "none" last
ITEM_HEADS = ["use", "destroy", "give_item", "sell_item"]             # INVENTORY_ROWS + 1 options, "none" last
PLAIN_WIDTH = sum(size for _, size in PLAIN_HEADS)  # 497

VARIANTS = ("onehot_conv", "gather_bag", "gather_bag_index_add")

# What `gridmmo train` prints for the default config with the default Config and curriculum.
SWIFT_PARAMETERS = 366_834


def expected_parameters():
    """The Swift network's count, layer by layer, from the sizes above."""
    def linear(i, o):
        return i * o + o
    cells = ((SIDE - TILE_KERNEL) // TILE_STRIDE + 1) ** 2
    parts = {
        "tiles.conv": TILE_VOCAB * TILE_KERNEL * TILE_KERNEL * TILE_CHANNELS + TILE_CHANNELS,
        "tiles.linear": linear(cells * TILE_CHANNELS, TILE_WIDTH),
        "entities.linear": linear(ENTITY_FEATURES, ENTITY_WIDTH),
        "inventory.linear": linear(INVENTORY_FEATURES, ITEM_WIDTH),
        "self.linear": linear(SELF_FEATURES, SELF_WIDTH),
        "market.linear": linear(MARKET_FEATURES, MARKET_WIDTH),
        "task.linear": linear(TASK_DIM, TASK_WIDTH),
        "trunk.linear": linear(FUSED, HIDDEN),
        "heads.logits": linear(HIDDEN, PLAIN_WIDTH),
        "heads.*.query (entity x3)": 3 * linear(HIDDEN, ENTITY_WIDTH),
        "heads.*.query (item x4)": 4 * linear(HIDDEN, ITEM_WIDTH),
        "value.linear": linear(HIDDEN, 1),
    }
    return parts, sum(parts.values())


# ---------------------------------------------------------------------------------------------
# Network


class OneHotConv(nn.Module):
    """Conv2d(96 -> 32, k5, s3) over the one-hot planes of the tile ids; output channels last."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(TILE_VOCAB, TILE_CHANNELS, TILE_KERNEL, TILE_STRIDE)

    def forward(self, tiles):
        b = tiles.shape[0]
        # One-hot planes built channels last ([B,15,15,96] viewed as [B,96,15,15]): oneDNN's
        # channels-last convolution ran this layer's forward + backward in 1.4 s per 8192 samples
        # on one thread here, against 2.3 s for contiguous NCHW planes or F.one_hot(...).permute(...).float().
        planes = torch.zeros(b, SIDE, SIDE, TILE_VOCAB, dtype=torch.float32)
        planes.scatter_(3, tiles.unsqueeze(3), 1.0)
        y = self.conv(planes.permute(0, 3, 1, 2))   # [B, 32, 4, 4] (channels-last memory)
        return y.permute(0, 2, 3, 1)                # [B, 4, 4, 32]: Swift's channels-last cell order


class _BagSumIndexAdd(torch.autograd.Function):
    """embedding_bag(sum) forward; backward as k*k index_add_ calls (CategoricalConv2D's scatter)
    instead of embedding_bag's sort-based dense backward."""

    @staticmethod
    def forward(ctx, rows, table):
        ctx.save_for_backward(rows)
        ctx.table_shape = table.shape
        return F.embedding_bag(rows, table, mode="sum")

    @staticmethod
    def backward(ctx, dy):
        (rows,) = ctx.saved_tensors
        dtable = torch.zeros(ctx.table_shape, dtype=dy.dtype)
        for offset in range(rows.shape[1]):
            dtable.index_add_(0, rows[:, offset], dy)
        return None, dtable


class GatherConv(nn.Module):
    """CategoricalConv2D: weight [categories, k, k, out] (Swift's layout), bias [out]; each output
    cell is bias + sum over its k*k cells of weight[id, ky, kx, :], via embedding_bag(sum).
    With index_add_backward, the weight gradient is scattered by index_add_ (a custom autograd
    Function) rather than by embedding_bag's own backward."""

    def __init__(self, index_add_backward=False):
        super().__init__()
        self.index_add_backward = index_add_backward
        k, s = TILE_KERNEL, TILE_STRIDE
        self.weight = nn.Parameter(torch.empty(TILE_VOCAB, k, k, TILE_CHANNELS))
        self.bias = nn.Parameter(torch.zeros(TILE_CHANNELS))
        out = (SIDE - k) // s + 1
        oy, ox, ky, kx = torch.meshgrid(torch.arange(out), torch.arange(out), torch.arange(k), torch.arange(k), indexing="ij")
        # positions[cell, offset]: the flat input index that kernel offset (ky, kx) of output cell (oy, ox) reads.
        self.register_buffer("positions", ((oy * s + ky) * SIDE + ox * s + kx).reshape(out * out, k * k), persistent=False)
        self.register_buffer("offsets", torch.arange(k * k), persistent=False)
        self.out = out

    def forward(self, tiles):
        b = tiles.shape[0]
        kk = TILE_KERNEL * TILE_KERNEL
        ids = tiles.reshape(b, SIDE * SIDE)[:, self.positions]          # [B, cells, k*k]
        rows = (ids * kk + self.offsets).reshape(-1, kk)               # row of the [96*k*k, out] table
        table = self.weight.view(-1, TILE_CHANNELS)
        if self.index_add_backward:
            y = _BagSumIndexAdd.apply(rows, table) + self.bias
        else:
            y = F.embedding_bag(rows, table, mode="sum") + self.bias
        return y.view(b, self.out, self.out, TILE_CHANNELS)


def masked_mean_max(x, mask):
    """MaskedPooling(.meanAndMax): x [B,N,D], mask [B,N] bool -> [B,2D]; no valid rows -> zeros."""
    m = mask.unsqueeze(-1)
    count = mask.sum(1, keepdim=True)
    mean = (x * m).sum(1) / count.clamp(min=1)
    best = x.masked_fill(~m, float("-inf")).amax(1)
    best = torch.where(count > 0, best, torch.zeros_like(best))
    return torch.cat([mean, best], 1)


class Policy(nn.Module):
    def __init__(self, tile_encoder):
        super().__init__()
        self.tile_conv = {"onehot_conv": OneHotConv, "gather_bag": GatherConv,
                          "gather_bag_index_add": lambda: GatherConv(index_add_backward=True)}[tile_encoder]()
        cells = ((SIDE - TILE_KERNEL) // TILE_STRIDE + 1) ** 2
        self.tile_linear = nn.Linear(cells * TILE_CHANNELS, TILE_WIDTH)
        self.entity_linear = nn.Linear(ENTITY_FEATURES, ENTITY_WIDTH)
        self.item_linear = nn.Linear(INVENTORY_FEATURES, ITEM_WIDTH)
        self.self_linear = nn.Linear(SELF_FEATURES, SELF_WIDTH)
        self.market_linear = nn.Linear(MARKET_FEATURES, MARKET_WIDTH)
        self.task_linear = nn.Linear(TASK_DIM, TASK_WIDTH)
        self.trunk = nn.Linear(FUSED, HIDDEN)
        self.plain_heads = nn.Linear(HIDDEN, PLAIN_WIDTH)
        self.entity_queries = nn.ModuleList(nn.Linear(HIDDEN, ENTITY_WIDTH) for _ in ENTITY_HEADS)
        self.item_queries = nn.ModuleList(nn.Linear(HIDDEN, ITEM_WIDTH) for _ in ITEM_HEADS)
        self.value = nn.Linear(HIDDEN, 1)
        self.reset_parameters()

    @torch.no_grad()
    def reset_parameters(self):
        """As MMONet initialises: orthogonal (gain sqrt 2 hidden, 0.01 logits and queries, 1 value),
        zero biases; the tile convolution normal with std sqrt 2 / kernel."""
        hidden_gain = math.sqrt(2)
        for module, gain in [(self.tile_linear, hidden_gain), (self.entity_linear, hidden_gain), (self.item_linear, hidden_gain),
                             (self.self_linear, hidden_gain), (self.market_linear, hidden_gain), (self.task_linear, hidden_gain),
                             (self.trunk, hidden_gain), (self.plain_heads, 0.01), (self.value, 1.0)] + \
                            [(q, 0.01) for q in self.entity_queries] + [(q, 0.01) for q in self.item_queries]:
            nn.init.orthogonal_(module.weight, gain)
            nn.init.zeros_(module.bias)
        conv = self.tile_conv.conv if isinstance(self.tile_conv, OneHotConv) else self.tile_conv
        nn.init.normal_(conv.weight, std=hidden_gain / TILE_KERNEL)
        nn.init.zeros_(conv.bias)

    def forward(self, obs):
        """obs: dict of tensors; returns (plain logits [B,497], entity logits [B,3,17],
        item logits [B,4,13], value [B])."""
        b = obs["tiles"].shape[0]
        tiles = F.relu(self.tile_conv(obs["tiles"])).reshape(b, -1)
        tiles = F.relu(self.tile_linear(tiles))
        entity_keys = F.relu(self.entity_linear(obs["entities"]))          # [B,16,64]
        item_keys = F.relu(self.item_linear(obs["inventory"]))             # [B,12,64]
        fused = torch.cat([
            tiles,
            masked_mean_max(entity_keys, obs["entity_mask"]),
            masked_mean_max(item_keys, obs["inventory_mask"]),
            F.relu(self.self_linear(obs["self"])),
            F.relu(self.market_linear(obs["market"])),
            F.relu(self.task_linear(obs["task"])),
        ], 1)
        h = F.relu(self.trunk(fused))
        plain = self.plain_heads(h)
        entity_q = torch.stack([q(h) for q in self.entity_queries], 1)     # [B,3,64]
        item_q = torch.stack([q(h) for q in self.item_queries], 1)         # [B,4,64]
        entity_scores = torch.bmm(entity_q, entity_keys.transpose(1, 2))   # [B,3,16]
        item_scores = torch.bmm(item_q, item_keys.transpose(1, 2))         # [B,4,12]
        entity_logits = F.pad(entity_scores, (0, 1))                       # the constant-0 "none" column
        item_logits = F.pad(item_scores, (0, 1))
        return plain, entity_logits, item_logits, self.value(h).squeeze(1)


def head_groups(plain, entity_logits, item_logits, masks):
    """(logits, mask) per group of same-sized heads: each plain head alone, the 3 entity heads and
    the 4 item heads batched along dim 1."""
    groups = []
    start = 0
    for (name, size) in PLAIN_HEADS:
        groups.append((plain[:, start:start + size], masks[name]))
        start += size
    groups.append((entity_logits, masks["entity_heads"]))
    groups.append((item_logits, masks["item_heads"]))
    return groups


def masked_log_softmax(logits, mask):
    return torch.log_softmax(logits.masked_fill(~mask, -1e9), -1)


def sample_actions(model, obs, masks):
    """Inference: forward, one draw per head, summed log-probability and the value."""
    plain, ent, item, value = model(obs)
    actions, logp = [], torch.zeros(value.shape[0])
    for logits, mask in head_groups(plain, ent, item, masks):
        lp = masked_log_softmax(logits, mask)
        flat = lp.reshape(-1, lp.shape[-1])
        a = torch.multinomial(flat.exp(), 1)
        chosen = flat.gather(1, a).view(lp.shape[:-1])
        logp += chosen if chosen.dim() == 1 else chosen.sum(1)
        actions.append(a.view(lp.shape[:-1]))
    return actions, logp, value


def evaluate_actions(model, obs, masks, actions):
    """Training: summed log-probability of the stored actions and summed entropy, with the value."""
    plain, ent, item, value = model(obs)
    logp = torch.zeros(value.shape[0])
    entropy = torch.zeros(value.shape[0])
    for (logits, mask), a in zip(head_groups(plain, ent, item, masks), actions):
        lp = masked_log_softmax(logits, mask)
        chosen = lp.gather(-1, a.unsqueeze(-1)).squeeze(-1)
        h = -(lp.exp() * lp).sum(-1)  # masked options: exp(-1e9 - lse) is exactly 0, so they add 0
        if chosen.dim() == 2:
            chosen, h = chosen.sum(1), h.sum(1)
        logp = logp + chosen
        entropy = entropy + h
    return logp, entropy, value


# ---------------------------------------------------------------------------------------------
# Random inputs and masks


def random_batch(n, g):
    """Observations with validity masks, and action masks with realistic legal subsets."""
    def rand(*shape):
        return torch.rand(*shape, generator=g)

    material = torch.randint(0, MATERIALS, (n, SIDE, SIDE), generator=g)
    occupant = torch.where(rand(n, SIDE, SIDE) < 0.05, torch.randint(1, OCCUPANTS, (n, SIDE, SIDE), generator=g), 0)
    tiles = material + MATERIALS * occupant

    visible = torch.randint(0, ENTITY_ROWS + 1, (n, 1), generator=g)      # rows valid nearest first
    entity_mask = torch.arange(ENTITY_ROWS) < visible
    held = torch.randint(0, INVENTORY_ROWS + 1, (n, 1), generator=g)
    inventory_mask = torch.arange(INVENTORY_ROWS) < held
    obs = {
        "tiles": tiles,
        "entities": rand(n, ENTITY_ROWS, ENTITY_FEATURES) * entity_mask.unsqueeze(-1),
        "entity_mask": entity_mask,
        "inventory": rand(n, INVENTORY_ROWS, INVENTORY_FEATURES) * inventory_mask.unsqueeze(-1),
        "inventory_mask": inventory_mask,
        "self": rand(n, SELF_FEATURES),
        "market": rand(n, MARKET_FEATURES),
        # A curriculum of 64 tasks: rows of a fixed embedding table (Swift looks them up by index).
        "task": torch.randn(64, TASK_DIM, generator=g)[torch.randint(0, 64, (n,), generator=g)],
    }

    in_combat = rand(n, 1) < 0.2
    masks = {}
    move = rand(n, 5) < 0.8
    move[:, 4] = True                                             # stay
    masks["move"] = move                                          # ~4.2 of 5 legal
    masks["attack_style"] = torch.ones(n, 3, dtype=torch.bool)
    price = (~in_combat).expand(n, 100).clone()                   # every price out of combat
    price[:, 0] = True                                            # none
    masks["sell_price"] = price
    buy = torch.zeros(n, 161, dtype=torch.bool)
    buy[:, 160] = True                                            # none
    shopper = rand(n, 1) < 0.1                                    # a tenth can afford a few entries
    buy |= shopper & (rand(n, 161) < 0.03)
    masks["buy"] = buy
    gold = torch.where(rand(n, 1) < 0.5, 0, torch.randint(1, 40, (n, 1), generator=g))
    masks["give_gold_amount"] = torch.arange(100) <= gold         # none + 1...gold
    masks["comm"] = torch.ones(n, 128, dtype=torch.bool)          # comm on: every token

    rows = entity_mask.unsqueeze(1)                               # [n,1,16]
    entity_heads = torch.zeros(n, len(ENTITY_HEADS), ENTITY_ROWS + 1, dtype=torch.bool)
    entity_heads[:, :, :ENTITY_ROWS] = rows & (rand(n, len(ENTITY_HEADS), ENTITY_ROWS) < torch.tensor([0.3, 0.1, 0.1]).view(1, 3, 1))
    entity_heads[:, :, ENTITY_ROWS] = True                        # none
    masks["entity_heads"] = entity_heads
    slots = inventory_mask.unsqueeze(1)
    item_heads = torch.zeros(n, len(ITEM_HEADS), INVENTORY_ROWS + 1, dtype=torch.bool)
    item_heads[:, :, :INVENTORY_ROWS] = slots & (rand(n, len(ITEM_HEADS), INVENTORY_ROWS) < torch.tensor([0.3, 0.9, 0.5, 0.5]).view(1, 4, 1))
    item_heads[:, 3, :INVENTORY_ROWS] &= ~in_combat               # no selling in combat
    item_heads[:, :, INVENTORY_ROWS] = True                       # none
    masks["item_heads"] = item_heads
    return obs, masks


def index_batch(tree, index):
    return {k: v[index] for k, v in tree.items()}


# ---------------------------------------------------------------------------------------------
# Checks


def check_gather_equals_onehot(g, index_add_backward):
    """With the same weights (Swift layout = Conv2d weight permuted), the gather encoder gives the
    one-hot convolution's outputs and weight gradients: the max absolute differences."""
    onehot, gather = OneHotConv(), GatherConv(index_add_backward)
    with torch.no_grad():
        gather.weight.normal_(generator=g)
        gather.bias.normal_(generator=g)
        onehot.conv.weight.copy_(gather.weight.permute(3, 0, 1, 2))
        onehot.conv.bias.copy_(gather.bias)
    tiles = torch.randint(0, TILE_VOCAB, (8, SIDE, SIDE), generator=g)
    a, b = onehot(tiles), gather(tiles)
    upstream = torch.randn(a.shape, generator=g)
    (a * upstream).sum().backward()
    (b * upstream).sum().backward()
    forward = (a - b).abs().max().item()
    backward = (onehot.conv.weight.grad - gather.weight.grad.permute(3, 0, 1, 2)).abs().max().item()
    bias = (onehot.conv.bias.grad - gather.bias.grad).abs().max().item()
    return forward, max(backward, bias)


# ---------------------------------------------------------------------------------------------
# Benchmarks


def median(xs):
    return statistics.median(xs)


def busy_seconds():
    """CPU seconds every process on the machine has used (Linux /proc/stat; None elsewhere)."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


class Stopwatch:
    """Wall time, this process's CPU time and the other processes' CPU time over one repetition."""

    def __init__(self):
        self.wall, self.cpu, self.busy = time.perf_counter(), time.process_time(), busy_seconds()

    def stop(self, samples):
        wall = time.perf_counter() - self.wall
        own = time.process_time() - self.cpu
        busy = busy_seconds()
        others = max(0.0, (busy - self.busy) - own) / wall if busy is not None and self.busy is not None else float("nan")
        return {"rate": samples / wall, "cpu": own / wall, "others": others}


def describe(runs, threads):
    """The repetitions' samples/s, this process's CPU seconds per wall second and the other
    processes' (median over repetitions), flagged when threads + others exceed the machine's cores."""
    cpu, others = median([r["cpu"] for r in runs]), median([r["others"] for r in runs])
    cores = os.cpu_count() or threads
    shared = " -- CPU SHARED with other processes, not representative" if threads + others > cores + 0.15 else ""
    rates = ", ".join(f"{r['rate']:.0f}" for r in runs)
    return f"runs {rates}; cpu {cpu:.2f}, others {others:.2f}{shared}"


def bench_inference(model, obs, masks, batch, batches, repetitions, warmup):
    n = obs["tiles"].shape[0]
    rates = []
    with torch.inference_mode():
        for rep in range(warmup + repetitions):
            watch = Stopwatch()
            for i in range(batches):
                lo = (i * batch) % n
                sl = slice(lo, lo + batch)
                sample_actions(model, index_batch(obs, sl), index_batch(masks, sl))
            run = watch.stop(batches * batch)
            if rep >= warmup:
                rates.append(run)
    return rates


def ppo_minibatch(model, optimiser, mb, args):
    logp, entropy, value = evaluate_actions(model, mb["obs"], mb["masks"], mb["actions"])
    adv = mb["advantages"]
    adv = (adv - adv.mean()) / (adv.std(correction=0) + 1e-8)
    ratio = (logp - mb["logp"]).exp()
    pg = torch.max(-adv * ratio, -adv * ratio.clamp(1 - args.clip, 1 + args.clip)).mean()
    returns, old_value = mb["returns"], mb["values"]
    v_unclipped = (value - returns) ** 2
    v_clipped = (old_value + (value - old_value).clamp(-args.clip, args.clip) - returns) ** 2
    v_loss = 0.5 * torch.max(v_unclipped, v_clipped).mean()
    loss = pg - args.entropy_coefficient * entropy.mean() + args.value_coefficient * v_loss
    optimiser.zero_grad(set_to_none=True)
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), args.max_grad_norm)
    optimiser.step()
    return loss.item()


def bench_training(model, data, args, g):
    optimiser = torch.optim.Adam(model.parameters(), lr=args.learning_rate, eps=1e-5)
    n = data["logp"].shape[0]
    rates = []
    for rep in range(args.warmup + args.repetitions):
        watch = Stopwatch()
        order = torch.randperm(n, generator=g)
        for lo in range(0, n, args.minibatch):
            index = order[lo:lo + args.minibatch]
            mb = {
                "obs": index_batch(data["obs"], index),
                "masks": index_batch(data["masks"], index),
                "actions": [a[index] for a in data["actions"]],
                "logp": data["logp"][index], "values": data["values"][index],
                "advantages": data["advantages"][index], "returns": data["returns"][index],
            }
            loss = ppo_minibatch(model, optimiser, mb, args)
            if not math.isfinite(loss):
                raise RuntimeError(f"non-finite loss {loss}")
        run = watch.stop(n)
        if rep >= args.warmup:
            rates.append(run)
    return rates


def make_rollout(model, n, g):
    """A rollout's worth of samples: observations, masks, actions drawn by the initial policy (so
    every action is legal), its log-probabilities and values, and random advantages and returns."""
    obs, masks = random_batch(n, g)
    with torch.inference_mode():
        actions, logp, values = sample_actions(model, obs, masks)
    advantages = torch.randn(n, generator=g)
    return {"obs": obs, "masks": masks, "actions": [a.clone() for a in actions], "logp": logp.clone(),
            "values": values.clone(), "advantages": advantages, "returns": values.clone() + advantages}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--threads", default="1,2", help="comma-separated torch.set_num_threads values")
    p.add_argument("--variants", default="onehot_conv,gather_bag",
                   help="comma-separated tile encoders: " + ", ".join(VARIANTS))
    p.add_argument("--inference-batch", type=int, default=1024)
    p.add_argument("--inference-batches", type=int, default=16, help="batches per timed repetition")
    p.add_argument("--samples", type=int, default=32768, help="samples in one training epoch")
    p.add_argument("--minibatch", type=int, default=8192)
    p.add_argument("--repetitions", type=int, default=5)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--learning-rate", type=float, default=5e-4)
    p.add_argument("--clip", type=float, default=0.2)
    p.add_argument("--entropy-coefficient", type=float, default=0.01)
    p.add_argument("--value-coefficient", type=float, default=0.5)
    p.add_argument("--max-grad-norm", type=float, default=0.5)
    args = p.parse_args()
    threads = [int(t) for t in args.threads.split(",")]
    variants = args.variants.split(",")
    for v in variants:
        if v not in VARIANTS:
            p.error(f"unknown variant {v}")

    torch.manual_seed(args.seed)
    g = torch.Generator().manual_seed(args.seed)
    print(f"torch {torch.__version__}, python {platform.python_version()}, {platform.machine()}, "
          f"BLAS/backend: mkldnn={torch.backends.mkldnn.is_available()} mkl={torch.backends.mkl.is_available()}")

    parts, expected = expected_parameters()
    counts = {}
    for v in variants:
        counts[v] = sum(t.numel() for t in Policy(v).parameters())
    print(f"parameters: " + ", ".join(f"{v} {c:,}" for v, c in counts.items())
          + f"; expected from PolicyConfig {expected:,}; Swift `gridmmo train` {SWIFT_PARAMETERS:,}")
    for name, count in parts.items():
        print(f"  {name:28s} {count:>8,}")
    ok = all(c == expected == SWIFT_PARAMETERS for c in counts.values())
    parameters_ok = ok
    if not ok:
        print("PARAMETER COUNT MISMATCH", file=sys.stderr)
    for index_add in (False, True):
        forward_diff, grad_diff = check_gather_equals_onehot(g, index_add)
        name = "gather_bag_index_add" if index_add else "gather_bag"
        print(f"{name} vs onehot_conv, same weights: max |output diff| {forward_diff:.1e}, max |gradient diff| {grad_diff:.1e}")
        ok = ok and forward_diff < 1e-4 and grad_diff < 1e-4

    results = {}
    for v in variants:
        results[v] = {}
        for t in threads:
            torch.set_num_threads(t)
            torch.manual_seed(args.seed)
            model = Policy(v)
            obs, masks = random_batch(args.inference_batch * 4, g)
            inference = bench_inference(model, obs, masks, args.inference_batch, args.inference_batches, args.repetitions, args.warmup)
            data = make_rollout(model, args.samples, g)
            training = bench_training(model, data, args, g)
            inference_rate = median([r["rate"] for r in inference])
            training_rate = median([r["rate"] for r in training])
            results[v][str(t)] = {"inference_samples_per_s": round(inference_rate),
                                  "train_samples_per_s": round(training_rate),
                                  "inference_others": round(median([r["others"] for r in inference]), 2),
                                  "train_others": round(median([r["others"] for r in training]), 2)}
            print(f"{v} threads={t}: inference {inference_rate:9.0f} samples/s (batch {args.inference_batch}; {describe(inference, t)})")
            print(f"{v} threads={t}: training  {training_rate:9.0f} samples/s (epoch of {args.samples} in minibatches of "
                  f"{args.minibatch}; {describe(training, t)})", flush=True)

    summary = {"torch": torch.__version__, "parameters": counts, "swift_parameters": SWIFT_PARAMETERS,
               "parameters_match": parameters_ok, "checks_passed": ok, "inference_batch": args.inference_batch, "train_samples": args.samples,
               "minibatch": args.minibatch, "repetitions": args.repetitions,
               "results": {v: {t: {k: r[k] for k in ("inference_samples_per_s", "train_samples_per_s", "inference_others", "train_others")} for t, r in per.items()}
                           for v, per in results.items()}}
    print(json.dumps(summary, separators=(",", ":")))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
