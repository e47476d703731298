"""Graph algorithms the checker and the evaluation share."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["strongly_connected"]


def strongly_connected(n: int, successors: Sequence[Sequence[int]]) -> list[list[int]]:
    """Tarjan's strongly connected components of the graph 0..n-1, without recursion.

    Components come out in reverse topological order (a component before those that reach it).
    """
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    components: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack[node] = True
            succ = successors[node]
            for offset in range(position, len(succ)):
                nxt = succ[offset]
                if index[nxt] == -1:
                    work.append((node, offset + 1))
                    work.append((nxt, 0))
                    break
                if on_stack[nxt]:
                    low[node] = min(low[node], index[nxt])
            else:
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack[member] = False
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return components
