"""Patch level on every surface: files, the command line, fleets, frames and plots."""

import io
import json
from datetime import date

import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st
from matplotlib.colors import to_rgb

import wsiot
from wsiot.cli import main
from wsiot.cli.common import EXIT_PATCH_OVERDUE
from wsiot.fleet import audit, audit_frame
from wsiot.io import dump_updates, load_updates
from wsiot.render.html import PATCH_COLOURS


def call(*args):
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


# -- files --------------------------------------------------------------------------


def test_updates_file_round_trip(tmp_path):
    path = tmp_path / "updates.json"
    dump_updates(wsiot.default_updates(), path)
    assert load_updates(path) == wsiot.default_updates()


def test_a_newer_updates_file_refreshes_the_answers(tmp_path):
    rows = wsiot.default_updates().to_rows()
    rows["as_of"] = "2026-09-08"
    rows["updates"].append({"build": "10.0.26100.33400", "kb": "KB5999999",
                            "released": "2026-09-08", "kind": "security",
                            "source": "https://support.microsoft.com/help/5999999"})
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    newer = load_updates(path)
    status = wsiot.patch_status("10.0.26100.33296", "2026-09-20", updates=newer)
    assert status.current is False and [u.kb for u in status.missing] == ["KB5999999"]
    assert wsiot.patch_status("10.0.26100.33296", "2026-09-20").current is None


def test_bad_updates_file_names_file_and_row(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"updates": [{"build": "10.0.1", "kb": 5, "released": "x", '
                    '"kind": "security", "source": "s"}]}', encoding="utf-8")
    with pytest.raises(wsiot.UpdateDataError) as caught:
        load_updates(path)
    assert all(problem.startswith(str(path)) for problem in caught.value.problems)
    assert any("updates[0].kb" in problem for problem in caught.value.problems)
    (tmp_path / "dup.json").write_text('{"updates": [], "updates": []}', encoding="utf-8")
    with pytest.raises(wsiot.WsiotError, match="duplicate"):
        load_updates(tmp_path / "dup.json")


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.sampled_from(["updates", "as_of", "version", "kb",
                                                       "build", "splits"]), inner, max_size=3),
                    max_leaves=12))
def test_any_document_gives_data_or_a_typed_error(document):
    try:
        wsiot.UpdateHistory.from_rows(document)
    except wsiot.UpdateDataError as exc:
        assert exc.problems


# -- the command line ------------------------------------------------------------------


def test_status_prints_installed_latest_and_missing():
    code, out = call("status", "10.0.20348.2762", "--on", "2025-01-20")
    assert code == 0
    assert "patch level: behind" in out
    assert "installed: KB5044281 (10.0.20348.2762)" in out
    assert "latest:    KB5049983" in out
    assert "missing:   3 security update(s), overdue since 2024-11-12 (69 day(s))" in out


def test_max_patch_age_has_its_own_exit_code():
    assert call("status", "10.0.20348.2762", "--on", "2025-01-20",
                "--max-patch-age", "68")[0] == EXIT_PATCH_OVERDUE == 5
    assert call("status", "10.0.20348.2762", "--on", "2025-01-20",
                "--max-patch-age", "69")[0] == 0
    # not serviced outranks overdue
    assert call("status", "10.0.14393.1000", "--on", "2028-01-01", "--max-patch-age", "1")[0] == 1


def test_max_patch_age_needs_a_ubr(capsys):
    assert call("status", "20348", "--on", "2025-01-20", "--max-patch-age", "30")[0] == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "needs the full build with its update revision" in err
    with pytest.raises(SystemExit) as caught:
        call("status", "10.0.20348.2762", "--max-patch-age", "-3")
    assert caught.value.code == 2 and "from 0 to 999999" in capsys.readouterr().err


def test_status_formats_carry_patch_fields():
    code, out = call("status", "10.0.20348.2762", "--on", "2025-01-20", "--format", "json")
    record = json.loads(out)[0]
    assert record["patch"] == "behind" and record["missing_updates"] == 3
    assert record["missing"] == "KB5046616 KB5048654 KB5049983"
    code, out = call("status", "10.0.26100.33296", "--on", "2026-11-23", "--format", "csv")
    header, row = out.splitlines()
    assert "update_data_ends" in header and "unknown" in row and "2026-08-11" in row
    code, out = call("status", "20348", "--on", "2025-01-20")
    assert code == 0 and "patch level" not in out  # no UBR: servicing only


def test_updates_command_lists_in_every_format():
    for fmt in ("table", "json", "csv", "markdown"):
        code, out = call("updates", "2022", "--kind", "security", "--format", fmt)
        assert code == 0 and "KB5044281" in out
    code, out = call("updates", "2022", "--format", "json")
    kinds = {row["kind"] for row in json.loads(out)}
    assert {"security", "preview", "out-of-band", "hotpatch", "release"} >= kinds >= {"security"}
    code, out = call("updates", "--kind", "release", "--format", "csv")
    assert out.count("\n") == 1 + 3


def test_updates_export_and_validate(tmp_path):
    path = tmp_path / "u.json"
    assert call("updates", "export", "--output", str(path))[0] == 0
    code, out = call("updates", "validate", str(path))
    assert code == 0 and "valid (" in out and "complete through 2026-08-11" in out
    code, out = call("updates", "export")
    assert json.loads(out)["as_of"] == "2026-08-11"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["updates"][0]["kind"] = "monthly"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out = call("updates", "validate", str(path))
    assert code == 1 and "updates[0].kind" in out
    code, out = call("status", "10.0.20348.2762", "--on", "2025-01-20", "--updates",
                     str(tmp_path / "missing.json"))
    assert code == 2


@pytest.mark.parametrize("words", [["validate"], ["2022", "2019"], ["export", "2022"],
                                   ["nope"]])
def test_updates_command_bad_words(words, capsys):
    assert call("updates", *words)[0] == 2
    assert capsys.readouterr().err.count("\n") == 1


# -- fleets ----------------------------------------------------------------------------


FLEET = pd.DataFrame({
    "device": ["a", "b", "c", "d", "e", "f"],
    "build": ["10.0.20348.2762", "10.0.20348.3091", "10.0.17763", "10.0.26100.7623",
              "10.0.26100.2894", "6.3.9600.100"],
})


def test_stream_and_frame_agree_on_patch_columns():
    framed = audit_frame(FLEET, on="2025-01-20")
    streamed = list(audit(FLEET.itertuples(index=False), on="2025-01-20"))
    for row, (_, framed_row) in zip(streamed, framed.iterrows(), strict=True):
        assert row.patch == (None if pd.isna(framed_row.patch) else framed_row.patch)
        assert row.installed_kb == (None if pd.isna(framed_row.installed_kb)
                                    else framed_row.installed_kb)
        assert row.missing_updates == (None if pd.isna(framed_row.missing_updates)
                                       else framed_row.missing_updates) or row.patch == "unknown"
    assert list(framed.patch.astype(object).where(framed.patch.notna(), None)) == [
        "behind", "current", "unknown", None, "current", "unknown"]
    assert framed.loc[3, "error_kind"] == "not-server"
    assert framed.loc[0, "days_overdue"] == 69 and framed.loc[0, "missing_updates"] == 3


def test_audit_summary_counts_patch_states():
    summary = audit(FLEET.itertuples(index=False), on="2025-01-20").run()
    assert summary.by_patch == {"current": 2, "behind": 1, "unknown": 2}
    assert summary.to_dict()["by_patch"] == summary.by_patch
    assert "patch level: current 2, behind 1, unknown 2" in str(summary)


def test_cli_audit_counts_patch_states(tmp_path):
    path = tmp_path / "fleet.csv"
    FLEET.to_csv(path, index=False)
    _, out = call("audit", str(path), "--on", "2025-01-20", "--format", "json")
    assert json.loads(out)["by_patch"] == {"current": 2, "behind": 1, "unknown": 2}
    _, out = call("audit", str(path), "--on", "2025-01-20", "--rows", "--format", "csv")
    assert "installed_kb,missing_updates,days_overdue,patch" in out.splitlines()[0]


# -- frames and plots ------------------------------------------------------------------


def test_updates_frame():
    from wsiot.frames import updates_frame

    df = updates_frame("2025")
    assert len(df) == len(wsiot.updates("2025"))
    assert str(df.released.dtype) == "datetime64[ns]" and df.kind.dtype == "category"
    assert df.iloc[0].build == str(wsiot.updates("2025")[0].build)
    assert updates_frame(kind="hotpatch").kind.eq("hotpatch").all()
    with pytest.raises(wsiot.InvalidArgumentError):
        updates_frame(kind="weekly")


def _has_colour(image, colour, tolerance=0.02):
    rgb = np.array(to_rgb(colour))
    return bool((np.abs(image[..., :3] - rgb).max(axis=-1) < tolerance).any())


@pytest.mark.parametrize("by", ["missing_updates", "days_overdue"])
def test_patch_lag_draws_current_and_behind(by, tmp_path):
    from wsiot.plot import patch_lag

    framed = audit_frame(FLEET, on="2025-01-20")
    figure = patch_lag(framed, by=by)
    ax = figure.axes[0]
    heights = [int(bar.get_height()) for bar in ax.patches]
    assert sum(heights) == 3  # the two unknown devices are in the legend, not drawn
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "unknown: 2 (not drawn)" in legend
    assert ax.get_ylabel() == "devices" and ax.get_xlabel()
    path = tmp_path / "lag.png"
    figure.savefig(path, dpi=60)
    image = mpimg.imread(path)
    assert _has_colour(image, PATCH_COLOURS["current"]) and _has_colour(image, PATCH_COLOURS["behind"])
    plt.close(figure)


def test_patch_lag_bad_input():
    from wsiot.plot import patch_lag

    with pytest.raises(wsiot.InvalidArgumentError, match="audit_frame"):
        patch_lag(pd.DataFrame({"build": []}))
    with pytest.raises(wsiot.InvalidArgumentError, match="by: expected"):
        patch_lag(audit_frame(FLEET, on="2025-01-20"), by="kb")
    with pytest.raises(wsiot.InvalidArgumentError, match="ax"):
        patch_lag(audit_frame(FLEET, on="2025-01-20"), ax="axes")
    figure = patch_lag(audit_frame(FLEET.head(0), on="2025-01-20"))
    assert [int(bar.get_height()) for bar in figure.axes[0].patches] == [0]
    plt.close(figure)


def test_release_frame_has_latest_build_columns():
    from wsiot.frames import releases_frame

    df = releases_frame(on=date(2026, 2, 1)).set_index("version")
    assert df.loc["2025", "latest_build"] == "10.0.26100.32230"


def test_a_level_released_after_the_day_is_never_current_in_a_fleet():
    """26100.32230 came out on 2026-01-13: on 2025-01-20 no machine ran it."""
    framed = audit_frame(pd.DataFrame({"device": ["e"], "build": ["10.0.26100.32230"]}),
                         on="2025-01-20")
    (row,) = audit([("e", "10.0.26100.32230")], on="2025-01-20")
    assert framed.loc[0, "patch"] == row.patch == "unknown"
