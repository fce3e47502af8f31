"""The replay buffer behind stream retries (pure: the buffer is plain Python)."""

from __future__ import annotations

from legacy_compat.retries import MAX_REPLAYED_REQUESTS, _ReplayBuffer


def test_a_retry_resends_what_the_failed_attempt_consumed_then_the_rest() -> None:
    buffer = _ReplayBuffer(iter(range(5)))
    first = buffer.attempt()
    assert [next(first), next(first)] == [0, 1]  # the model answered "deploying" here

    assert list(buffer.attempt()) == [0, 1, 2, 3, 4]
    assert list(first) == []  # the superseded attempt sends nothing more


def test_nothing_is_kept_once_the_model_answered() -> None:
    buffer = _ReplayBuffer(iter(range(4)))
    attempt = buffer.attempt()
    assert next(attempt) == 0
    buffer.answered()
    assert list(attempt) == [1, 2, 3]
    assert buffer._sent == []


def test_the_buffer_is_bounded_and_says_when_it_overflowed() -> None:
    count = MAX_REPLAYED_REQUESTS + 10
    buffer = _ReplayBuffer(iter(range(count)))
    assert list(buffer.attempt()) == list(range(count))
    assert buffer.overflowed and buffer._sent == []
