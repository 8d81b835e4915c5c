"""Milestone statuses are judged on the last day of the chosen month, so a past month reads as it stood."""

from streamlit.testing.v1 import AppTest


def statuses(at: AppTest) -> dict[tuple[str, str, str], str]:
    table = at.dataframe[0].value
    return {
        (ccg, network, milestone): status
        for ccg, network, milestone, status in table[
            ["ccg_code", "network_name", "milestone", "status"]
        ].itertuples(index=False, name=None)
    }


def test_milestone_statuses_on_the_last_day_of_february(open_page) -> None:
    assert statuses(open_page("milestones")) == {
        ("01A", "CCG-wide", "Data sharing agreement signed"): "Achieved",
        ("01A", "North Network", "Network agreement signed"): "Achieved late",
        ("01A", "North Network", "Clinical director appointed"): "Overdue",
        ("01A", "CCG-wide", "Alliance agreement signed"): "Not yet due",
        ("02B", "CCG-wide", "ACS designated"): "Overdue",
        ("02B", "CCG-wide", "Integration agreement signed"): "Due within 30 days",
        ("02B", "South Network", "Network agreement signed"): "Not yet due",
        ("02B", "East Network", "Clinical director appointed"): "Achieved",
    }


def test_milestone_statuses_of_a_past_month_ignore_later_achievements(open_page) -> None:
    at = open_page("milestones", month="2019-01")
    assert statuses(at) == {
        ("01A", "CCG-wide", "Data sharing agreement signed"): "Achieved",
        ("01A", "North Network", "Network agreement signed"): "Overdue",
        ("01A", "North Network", "Clinical director appointed"): "Due within 30 days",
        ("01A", "CCG-wide", "Alliance agreement signed"): "Not yet due",
        ("02B", "CCG-wide", "ACS designated"): "Due within 30 days",
        ("02B", "CCG-wide", "Integration agreement signed"): "Not yet due",
        ("02B", "South Network", "Network agreement signed"): "Not yet due",
        ("02B", "East Network", "Clinical director appointed"): "Not yet due",
    }
    table = at.dataframe[0].value
    assert table["achieved_date"].dropna().dt.strftime("%Y-%m-%d").tolist() == ["2018-12-15"]


def test_milestone_status_counts_head_the_page(open_page) -> None:
    at = open_page("milestones")
    assert {m.label: m.value for m in at.metric} == {
        "Overdue": "2",
        "Due within 30 days": "1",
        "Achieved late": "1",
        "Not yet due": "2",
        "Achieved": "2",
    }
    assert at.caption[1].value == (
        "Each status is judged on 28 February 2019, the last day of the chosen month: "
        "a milestone achieved after that day counts as not yet achieved."
    )


def test_milestones_filtered_by_status(open_page) -> None:
    at = open_page("milestones")
    at.multiselect(key="status_filter").set_value(["Overdue"]).run()
    assert at.dataframe[1].value["milestone"].tolist() == ["Clinical director appointed", "ACS designated"]
