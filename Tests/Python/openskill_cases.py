#!/usr/bin/env python3
"""Writes randomised rating cases computed by the `openskill` package, for the Swift tests.

Usage: openskill_cases.py OUT.json [--seed N] [--games N] [--sequences N]

Every case is a pool of players with prior ratings and one or more games among them, rated in
order with the package's `PlackettLuce` model at its defaults, each game starting from the ratings
the previous games left. A game names its teams by player index and gives either `ranks` (lower is
better; ties, and sometimes fractional ranks) or `scores` (higher is better; ties), and the ratings
the package returned for each team's players. `--games` cases hold one game each (2 to 16 teams of
1 to 8 players, random priors); `--sequences` cases hold several games over one pool. The file
records the package version, the model's parameters and the seed, and its numbers round-trip
exactly (Python's shortest repr). `MMOEvalTests/OpenSkillFixtureTests` replays the cases with
`MMOEval.PlackettLuce` and compares every mu and sigma.
"""
import argparse
import json
import os
import random
import sys
from importlib.metadata import version

from openskill.models import PlackettLuce


def outcome(rng, count):
    """Ranks or scores for `count` teams, with ties: (key, values)."""
    if rng.random() < 0.3:
        return "scores", [rng.randint(0, max(1, count // 2)) * 10 for _ in range(count)]
    if rng.random() < 0.15:
        # Fractional ranks: the package truncates them to integers when it compares teams.
        return "ranks", [round(rng.uniform(0, count), 2) for _ in range(count)]
    return "ranks", [rng.randint(1, count) for _ in range(count)]


def prior(rng):
    """A prior rating: mostly random, sometimes the model's default, sometimes very unsure (a
    very unsure player who loses to many teams has its sigma cut by the kappa floor)."""
    draw = rng.random()
    if draw < 0.2:
        return [25.0, 25.0 / 3.0]
    if draw < 0.25:
        return [round(rng.uniform(-10, 60), 4), round(rng.uniform(40, 400), 4)]
    return [round(rng.uniform(-10, 60), 4), round(rng.uniform(0.05, 14), 4)]


def play(model, rng, pool, teams):
    """Rates one game among `teams` (lists of pool indices), updates `pool`, returns the record."""
    key, values = outcome(rng, len(teams))
    ratings = [[model.rating(mu=pool[p][0], sigma=pool[p][1]) for p in team] for team in teams]
    rated = model.rate(ratings, **{key: values})
    expected = [[[player.mu, player.sigma] for player in team] for team in rated]
    for team, result in zip(teams, expected):
        for player, rating in zip(team, result):
            pool[player] = rating
    return {"teams": teams, key: values, "expected": expected}


def single_game(model, rng, name):
    team_count = rng.randint(2, 16)
    sizes = [rng.randint(1, 8) for _ in range(team_count)]
    pool = [prior(rng) for _ in range(sum(sizes))]
    players = list(range(len(pool)))
    rng.shuffle(players)
    teams, start = [], 0
    for size in sizes:
        teams.append(players[start:start + size])
        start += size
    initial = [list(rating) for rating in pool]
    return {"name": name, "players": initial, "games": [play(model, rng, pool, teams)]}


def sequence(model, rng, name):
    pool = [prior(rng) for _ in range(rng.randint(4, 40))]
    initial = [list(rating) for rating in pool]
    games = []
    for _ in range(rng.randint(2, 12)):
        players = list(range(len(pool)))
        rng.shuffle(players)
        team_count = rng.randint(2, min(16, len(pool)))
        size = rng.randint(1, max(1, min(8, len(pool) // team_count)))
        teams = [players[t * size:(t + 1) * size] for t in range(team_count)]
        games.append(play(model, rng, pool, teams))
    return {"name": name, "players": initial, "games": games}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--games", type=int, default=100)
    parser.add_argument("--sequences", type=int, default=16)
    args = parser.parse_args()

    model = PlackettLuce()
    rng = random.Random(args.seed)
    cases = [single_game(model, rng, f"game-{i}") for i in range(args.games)]
    cases += [sequence(model, rng, f"sequence-{i}") for i in range(args.sequences)]
    document = {
        "package": "openskill",
        "version": version("openskill"),
        "model": "PlackettLuce",
        "parameters": {"mu": model.mu, "sigma": model.sigma, "beta": model.beta,
                       "kappa": model.kappa, "tau": model.tau},
        "seed": args.seed,
        "cases": cases,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    temporary = args.out + ".tmp"
    with open(temporary, "w") as file:
        json.dump(document, file, separators=(",", ":"))
        file.write("\n")
    os.replace(temporary, args.out)
    games = sum(len(case["games"]) for case in cases)
    print(f"openskill {document['version']}: {len(cases)} cases, {games} games, seed {args.seed} -> {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
