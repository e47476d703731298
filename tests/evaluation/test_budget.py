"""The search for preferred and stable labellings has one budget for the whole map (issue 21):
many hard attack-cycle regions cost what one does, and `--max-steps` is the flag that raises it.
"""

from __future__ import annotations

import json

import pytest

import argmap
from argmap.evaluation import EnumerationLimit, evaluate
from argmap.evaluation.framework import DEFAULT_MAX_STEPS, Budget, Framework, preferred, stable
from bench.hostile_bench import regions
from tests.conftest import run_argmap

HARD = regions(6, 14)  # six regions, each with more labellings than a small budget can list


def _not_listed(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if "not listed" in line]


def test_the_message_names_the_flag_that_raises_the_steps() -> None:
    done = run_argmap("evaluate", "-", "--max-steps", "5000", stdin=HARD)
    assert done.returncode == 0, done.stderr
    refused = _not_listed(done.stdout)
    assert len(refused) == 12  # preferred and stable of each of the six regions
    assert all(line.endswith("(--max-steps raises the limit)") for line in refused), refused
    assert "gave up after 5,000 search steps" in refused[0]


def test_raising_max_steps_lists_what_the_budget_refused() -> None:
    small = "conclusion top: T.\n  reason:\n    - R.\n" + "\n".join(
        [
            *("claim a: A.", "claim b: B.", "objection to a:", "  @b", "objection to b:"),
            *("  @a", "claim x: X.", "claim y: Y.", "objection to x:", "  @y"),
            *("objection to y:", "  @x"),
        ]
    )
    tight = run_argmap("evaluate", "-", "--max-steps", "3", stdin=small)
    assert any("--max-steps raises" in line for line in _not_listed(tight.stdout))
    ample = run_argmap("evaluate", "-", "--max-steps", "1000", stdin=small)
    assert _not_listed(ample.stdout) == []
    assert "preferred 2:" in ample.stdout


def test_too_many_labellings_names_max_extensions() -> None:
    done = run_argmap("evaluate", "-", "--max-extensions", "1", stdin=regions(1, 3))
    refused = _not_listed(done.stdout)
    assert refused and all("(--max-extensions raises the limit)" in line for line in refused)


@pytest.mark.parametrize("value", ["0", "-5"])
def test_max_steps_must_be_positive(value: str) -> None:
    done = run_argmap("evaluate", "-", "--max-steps", value, stdin=HARD)
    assert done.returncode == 2 and "--max-steps must be at least 1" in done.stderr


def test_json_regions_share_the_budget() -> None:
    evaluation = evaluate(argmap.parse(HARD).map)
    regions_found = evaluation.as_dict(budget=5_000)["regions"]
    assert len(regions_found) == 6
    assert all(r["preferred"] is None for r in regions_found)
    assert "5,000 search steps" in regions_found[-1]["preferred_limit"]
    done = run_argmap("evaluate", "-", "--format", "json", "--max-steps", "5000", stdin=HARD)
    assert all(r["stable"] is None for r in json.loads(done.stdout)["regions"])


def test_whole_map_enumeration_shares_one_budget_across_regions() -> None:
    # Ten independent odd three-cycles: no stable labelling, and each region needs a few steps.
    names = [f"{c}{i}" for i in range(10) for c in "abc"]
    attacks = [(f"{x}{i}", f"{y}{i}") for i in range(10) for x, y in ("ab", "bc", "ca")]
    framework = Framework.build(names, attacks)
    assert stable(framework) == ()
    budget = Budget(1_000)
    assert len(preferred(framework, budget=budget)) == 1
    spent = 1_000 - budget.left
    assert spent > 0
    with pytest.raises(EnumerationLimit) as caught:
        preferred(framework, budget=Budget(spent - 1))  # one step short, over all ten regions
    assert caught.value.what == "steps"


def _least_steps_to_list(text: str) -> int:
    """The smallest ``budget`` with which every region of ``text`` is listed in full."""
    evaluation = evaluate(argmap.parse(text).map)

    def listed(steps: int) -> bool:
        found = evaluation.as_dict(budget=steps)["regions"]
        return all(r["preferred"] is not None and r["stable"] is not None for r in found)

    low, high = 1, 1
    while not listed(high):
        low, high = high, high * 2
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if listed(middle) else (middle + 1, high)
    return high


def test_regions_that_each_fit_the_budget_share_it() -> None:
    # Each region alone is listed within `enough` steps; six of them are not, in the report,
    # the JSON and the command line: the budget is the map's, not each region's.
    enough = _least_steps_to_list(regions(1, 4))
    six = regions(6, 4)
    found = evaluate(argmap.parse(six).map).as_dict(budget=2 * enough)["regions"]
    assert len(found) == 6
    assert found[0]["preferred"] is not None and found[-1]["preferred"] is None
    done = run_argmap("evaluate", "-", "--max-steps", str(2 * enough), stdin=six)
    assert done.returncode == 0 and _not_listed(done.stdout), done.stdout
    assert all("--max-steps raises" in line for line in _not_listed(done.stdout))
    as_json = run_argmap(
        "evaluate", "-", "--format", "json", "--max-steps", str(2 * enough), stdin=six
    )
    regions_json = json.loads(as_json.stdout)["regions"]
    assert regions_json[0]["preferred"] is not None and regions_json[-1]["preferred"] is None


def test_budget_is_the_one_parameter_a_number_or_a_shared_budget() -> None:
    evaluation = evaluate(argmap.parse(HARD).map)
    region = evaluation.regions[0]
    with pytest.raises(EnumerationLimit) as caught:
        evaluation.preferred(region, budget=5_000)  # a number of steps
    assert caught.value.what == "steps" and caught.value.limit == 5_000
    shared = Budget(5_000)
    with pytest.raises(EnumerationLimit):
        evaluation.stable(region, budget=shared)
    assert shared.left < 0  # the caller's budget is the one spent
    assert evaluation.as_dict(budget=5_000) == evaluation.as_dict(budget=Budget(5_000))
    # The default is the library's, whichever way the search is reached.
    assert Budget.of(None).limit == Budget().limit == DEFAULT_MAX_STEPS


def test_max_steps_is_the_deprecated_name_of_budget() -> None:
    evaluation = evaluate(argmap.parse(HARD).map)
    with pytest.warns(DeprecationWarning, match="pass budget="):
        old = evaluation.as_dict(max_steps=5_000)
    assert old == evaluation.as_dict(budget=5_000)
    with pytest.warns(DeprecationWarning), pytest.raises(EnumerationLimit) as caught:
        evaluation.preferred(evaluation.regions[0], max_steps=5_000)
    assert caught.value.limit == 5_000
    with pytest.raises(TypeError, match="budget= alone"):
        evaluation.stable(budget=10, max_steps=10)
