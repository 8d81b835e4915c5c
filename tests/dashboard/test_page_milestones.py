"""Milestone statuses are judged on the last day of the chosen month, so a past month reads as it stood;
the most urgent come first, finished ones last, and what the timeline leaves out is said."""

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard.content.milestones import HOW_TO_LOAD
from dashboard.plain import plain
from etl.config import database_path
from etl.store import load_files
from tests.dashboard.helpers import run_page


def milestone_table(at: AppTest) -> pd.DataFrame:
    """The table of every milestone (the last one on the page; the timeline's numbers come first)."""
    return [t.value for t in at.dataframe if "milestone" in t.value.columns][-1]


def statuses(at: AppTest) -> dict[tuple[str, str, str], str]:
    table = milestone_table(at)
    return {
        (area, network, milestone): status
        for area, network, milestone, status in table[
            ["area", "network_name", "milestone", "status"]
        ].itertuples(index=False, name=None)
    }


def test_milestone_statuses_on_the_last_day_of_february(open_page) -> None:
    assert statuses(open_page("milestones")) == {
        ("01A", "Area-wide", "Data sharing agreement signed"): "Achieved",
        ("01A", "North Network", "Network agreement signed"): "Achieved late",
        ("01A", "North Network", "Clinical director appointed"): "Overdue",
        ("01A", "Area-wide", "Alliance agreement signed"): "Not yet due",
        ("02B", "Area-wide", "ACS designated"): "Due within 30 days",  # due on 28 February: due, not late
        ("02B", "Area-wide", "Integration agreement signed"): "Due within 30 days",
        ("02B", "South Network", "Network agreement signed"): "Not yet due",
        ("02B", "East Network", "Clinical director appointed"): "Achieved",
    }


def test_milestones_come_most_urgent_first_and_finished_ones_last(open_page) -> None:
    table = milestone_table(open_page("milestones"))
    assert table[["status", "milestone"]].values.tolist() == [
        ["Overdue", "Clinical director appointed"],
        ["Due within 30 days", "ACS designated"],
        ["Due within 30 days", "Integration agreement signed"],
        ["Not yet due", "Alliance agreement signed"],
        ["Not yet due", "Network agreement signed"],
        ["Achieved late", "Network agreement signed"],
        ["Achieved", "Data sharing agreement signed"],
        ["Achieved", "Clinical director appointed"],
    ]
    assert table["days_overdue"].iloc[0] == 13  # due 15 February, judged on 28 February
    assert pd.isna(table["days_overdue"].iloc[1]) and pd.isna(table["achieved_date"].iloc[0])  # blank cells


def test_milestone_statuses_of_a_past_month_ignore_later_achievements(open_page) -> None:
    at = open_page("milestones", month="2019-01")
    assert statuses(at) == {
        ("01A", "Area-wide", "Data sharing agreement signed"): "Achieved",
        ("01A", "North Network", "Network agreement signed"): "Due within 30 days",  # due on 31 January
        ("01A", "North Network", "Clinical director appointed"): "Due within 30 days",
        ("01A", "Area-wide", "Alliance agreement signed"): "Not yet due",
        ("02B", "Area-wide", "ACS designated"): "Due within 30 days",
        ("02B", "Area-wide", "Integration agreement signed"): "Not yet due",
        ("02B", "South Network", "Network agreement signed"): "Not yet due",
        ("02B", "East Network", "Clinical director appointed"): "Not yet due",
    }


def test_milestone_status_counts_head_the_page(open_page) -> None:
    at = open_page("milestones")
    assert [(m.label, m.value) for m in at.metric] == [
        ("Overdue", "1"),
        ("Due within 30 days", "2"),
        ("Not yet due", "2"),
        ("Achieved late", "1"),
        ("Achieved", "2"),
    ]
    assert at.caption[1].value == (
        "Each status is judged on 28 February 2019, the last day of the chosen month: "
        "a milestone achieved after that day counts as not yet achieved. Source: the tracker's register."
    )


def test_milestones_filtered_by_status(open_page) -> None:
    at = open_page("milestones")
    at.multiselect(key="status_filter").set_value(["Due within 30 days"]).run()
    assert milestone_table(at)["milestone"].tolist() == ["ACS designated", "Integration agreement signed"]


def test_milestones_are_named_by_area_with_both_sources(open_official_page) -> None:
    areas = set(milestone_table(open_official_page("milestones", month="2019-02"))["area"])
    assert areas == {"NHS Alpha CCG (01A)", "NHS Beta CCG (02B)"}


def test_the_timeline_keeps_the_urgent_and_says_what_it_left_out(
    writable_app: AppTest, tmp_path: Path
) -> None:
    register = tmp_path / "milestones_many.csv"
    rows = [f"01A,,Finished task {n:02},2018-06-30,2018-06-01,Lead," for n in range(64)]
    rows += [f"01A,,Future task {n},2019-12-31,,Lead," for n in range(6)]
    register.write_text(
        "ccg_code,network_code,milestone,due_date,achieved_date,owner,notes\n" + "\n".join(rows)
    )
    load_files([register], database_path())
    at = run_page(writable_app, "milestones", {"ccg": "01A"})
    assert at.caption[2].value == (
        "The timeline shows the 60 most urgent of 70 milestones; left out: 10 achieved. "
        "The table has every one."
    )
    assert len(milestone_table(at)) == 70


def test_milestones_without_a_register_say_how_to_load_one(open_official_only_page) -> None:
    at = open_official_only_page("milestones")
    assert at.info[0].value == plain(HOW_TO_LOAD)
    assert HOW_TO_LOAD.startswith("No milestones register is loaded yet.")


def test_the_timeline_draws_the_most_urgent_milestone_at_the_top_with_short_labels(open_page) -> None:
    import json

    at = open_page("milestones")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    axis = spec["layout"]["yaxis"]
    top_down = axis["categoryarray"][::-1]
    shown = dict(zip(axis["tickvals"], axis["ticktext"], strict=True))
    # as the table: overdue, due within 30 days, not yet due, achieved late, achieved
    assert [shown[label] for label in top_down] == [
        "01A, North Network: Clinical director appointed",
        "02B, Area-wide: ACS designated",
        "02B, Area-wide: Integration agreement signed",
        "01A, Area-wide: Alliance agreement signed",
        "02B, South Network: Network agreement signed",
        "01A, North Network: Network agreement signed",
        "01A, Area-wide: Data sharing agreement signed",
        "02B, East Network: Clinical director appointed",
    ]


def test_a_network_formed_after_the_month_is_named_not_coded(writable_app: AppTest, tmp_path: Path) -> None:
    from tests.dashboard.helpers import HEADER

    march = tmp_path / "status_2019-03.csv"
    march.write_text(
        f"{HEADER}\n2019-03-01,02B,B00001,Epsilon Surgery,9000,APMS,virtual,02B-N9,West Network,active,3,\n"
    )
    register = tmp_path / "milestones_west.csv"
    register.write_text(
        "ccg_code,network_code,milestone,due_date,achieved_date,owner,notes\n"
        "02B,02B-N9,Network agreement signed,2019-06-30,,Lead,\n"
    )
    load_files([march, register], database_path())
    at = run_page(writable_app, "milestones", {"ccg": "02B", "month": "2019-02"})
    assert statuses(at) == {("02B", "West Network", "Network agreement signed"): "Not yet due"}
