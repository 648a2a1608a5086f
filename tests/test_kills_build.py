"""`locpipe build` killed with SIGKILL at random instants (seeded), on the
project of 30 documents of test_kills.py: after every kill the output is
one build, whole, and once the next command has run no staged file is
left anywhere. A file of its own, so that a parallel run kills builds
and updates at the same time."""

from __future__ import annotations

import random

from test_kills import (KILLS, SEED, assert_one_whole_build, finished, killed, project, pytestmark, staged,
                        write_sources)

__all__ = ["project", "pytestmark"]  # the fixture and the mark, as test_kills.py has them


def test_killed_builds_publish_one_whole_build_and_leave_nothing(project):
    finished(project, "update")
    finished(project, "build", "--allow-incomplete")
    assert_one_whole_build(project)
    # the kills are timed by a rebuild after the sources changed, as each round's is (its checks' and
    # readability's results are then in the data cache: it is faster than the first build)
    write_sources(project, day=29, variant=0)  # a day no round writes
    duration = finished(project, "build", "--allow-incomplete")
    assert_one_whole_build(project)
    rng, kills, rounds = random.Random(SEED), 0, 0
    while kills < KILLS and rounds < 3 * KILLS:
        rounds += 1
        write_sources(project, day=2 + rounds % 27, variant=0)
        kills += killed(project, rng.uniform(0.1, 1.1) * duration, "build", "--allow-incomplete")
        assert_one_whole_build(project)
        finished(project, "stats")
        assert staged(project) == []
    assert kills >= KILLS
