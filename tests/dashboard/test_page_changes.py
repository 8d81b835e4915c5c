"""The Changes page lists what changed per practice since its CCG's previous snapshot."""


def test_changes_since_the_previous_snapshot(open_page) -> None:
    at = open_page("changes")
    changes = at.dataframe[-1].value
    rows = changes[["ccg_code", "practice_code", "change", "detail"]].astype(object)
    assert rows.where(rows.notna(), None).values.tolist() == [
        ["01A", "A00006", "Joined a network", "North Network"],
        ["01A", "A00003", "Left a network", "North Network"],
        ["01A", "A00002", "Integration level changed", "none → partial"],
        ["01A", "A00003", "Integration level changed", "virtual → none"],
        ["01A", "A00005", "Practice no longer listed", None],
        ["02B", "B00003", "Moved network", "South Network → East Network"],
        ["02B", "B00002", "Integration level changed", "partial → full"],
        ["02B", "B00002", "Contract changed", "GMS, active → GMS, suspended"],
        ["02B", "B00005", "Practice added", None],
    ]


def test_changes_are_counted_by_kind(open_page) -> None:
    counts = open_page("changes").dataframe[0].value
    assert counts.values.tolist() == [
        ["Joined a network", 1],
        ["Left a network", 1],
        ["Moved network", 1],
        ["Integration level changed", 3],
        ["Contract changed", 1],
        ["Practice added", 1],
        ["Practice no longer listed", 1],
    ]


def test_changes_filtered_by_kind(open_page) -> None:
    at = open_page("changes")
    at.multiselect(key="change_filter").set_value(["Moved network", "Practice added"]).run()
    assert at.dataframe[-1].value["practice_code"].tolist() == ["B00003", "B00005"]


def test_changes_of_the_first_snapshot_say_there_is_nothing_to_compare(open_page) -> None:
    at = open_page("changes", month="2019-01")
    assert at.info[0].value == (
        "January 2019 is the first snapshot of all CCGs: there is nothing to compare it with."
    )
