"""The Graph API client against a fake Graph API on 127.0.0.1."""

from __future__ import annotations

import pytest
from puspa_bot.conversation import Reply
from puspa_bot.graph_api import GraphApi, GraphApiError, PrintingSender

from ..fake_graph_api import FakeGraphApi


class Clock:
    """A clock that moves only when the client sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def client(graph: FakeGraphApi, clock: Clock) -> GraphApi:
    """A client on the fake API with a fake clock."""
    return GraphApi(graph.url, "v23.0", "tok", sleep=clock.sleep, clock=lambda: clock.now)


def test_text_and_interactive_payloads(graph: FakeGraphApi) -> None:
    api = client(graph, Clock())
    api.send("PNID", "62811", Reply("halo"), deadline=60)
    api.send("PNID", "62811", Reply("menu", {"type": "list"}), deadline=60)
    text, interactive = graph.messages()
    assert text == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "62811",
        "type": "text",
        "text": {"preview_url": False, "body": "halo"},
    }
    assert interactive["type"] == "interactive"
    assert interactive["interactive"] == {"type": "list"}


def test_server_errors_and_throttling_are_retried_with_backoff(graph: FakeGraphApi) -> None:
    clock = Clock()
    graph.fail_next(503)
    graph.fail_next(429)
    graph.fail_next(500)
    client(graph, clock).send("PNID", "62811", Reply("halo"), deadline=60)
    assert len(graph.requests) == 4
    assert clock.sleeps == [0.25, 0.5, 1.0]


def test_pair_rate_limit_waits_six_seconds(graph: FakeGraphApi) -> None:
    clock = Clock()
    graph.fail_next(400, code=131056)
    client(graph, clock).send("PNID", "62811", Reply("halo"), deadline=60)
    assert clock.sleeps == [6.0]


def test_gives_up_within_the_time_budget_and_says_retry_later(graph: FakeGraphApi) -> None:
    clock = Clock()
    graph.fail_next(503, times=10)
    with pytest.raises(GraphApiError) as raised:
        client(graph, clock).send("PNID", "62811", Reply("halo"), deadline=8)
    assert raised.value.retry_later
    assert clock.now + 5.0 <= 8 + 4.0


def test_outside_the_24_hour_window_is_final(graph: FakeGraphApi) -> None:
    graph.fail_next(400, code=131047)
    with pytest.raises(GraphApiError) as raised:
        client(graph, Clock()).send("PNID", "62811", Reply("halo"), deadline=60)
    assert (raised.value.code, raised.value.retry_later) == (131047, False)
    assert len(graph.requests) == 1


def test_without_a_token_replies_are_printed_not_sent() -> None:
    printed: list[str] = []
    sender = PrintingSender(write=printed.append)
    sender.send("PNID", "62811", Reply("halo"), deadline=60)
    assert printed == ["[NOT SENT: no WHATSAPP_ACCESS_TOKEN] reply:\nhalo\n"]


def test_a_read_receipt_is_one_short_try_never_retried(graph: FakeGraphApi) -> None:
    clock = Clock()
    api = client(graph, clock)
    api.mark_read("PNID", "wamid.1", deadline=60)
    assert graph.reads() == ["wamid.1"]
    graph.fail_next(503, times=10)
    with pytest.raises(GraphApiError) as refused:
        api.mark_read("PNID", "wamid.2", deadline=60)
    assert not refused.value.retry_later
    assert graph.reads() == ["wamid.1", "wamid.2"]  # one try
    assert clock.sleeps == []
    with pytest.raises(GraphApiError):
        api.mark_read("PNID", "wamid.3", deadline=clock.now)  # no time left: not even tried
    assert len(graph.requests) == 2


def test_no_request_outlives_the_time_budget(graph: FakeGraphApi) -> None:
    clock = Clock()
    api = client(graph, clock)
    with pytest.raises(GraphApiError) as late:
        api.send("PNID", "62811", Reply("halo"), deadline=clock.now)
    assert late.value.retry_later
    assert graph.requests == []
