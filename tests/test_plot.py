import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb

import wsiot
from wsiot.plot import timeline
from wsiot.render.html import PHASE_COLOURS


def _has_colour(image, colour, tolerance=0.02):
    rgb = np.array(to_rgb(colour))
    return bool((np.abs(image[..., :3] - rgb).max(axis=-1) < tolerance).any())


def test_timeline_renders_phases_and_marker(tmp_path):
    figure = timeline(on="2026-11-23")
    ax = figure.axes[0]
    assert len(ax.patches) == 2 * len(wsiot.releases())  # mainstream + extended for each
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "2025 (26100)"
    assert any(line.get_linestyle() == "--" for line in ax.get_lines())
    path = tmp_path / "timeline.png"
    figure.savefig(path, dpi=60)
    image = mpimg.imread(path)
    assert image.shape[0] > 100 and image.shape[1] > 300
    assert _has_colour(image, PHASE_COLOURS["mainstream"])
    assert _has_colour(image, PHASE_COLOURS["extended"])
    plt.close(figure)


def test_timeline_with_esu_and_given_axes():
    import attrs

    r = attrs.evolve(wsiot.release("Storage 2012 R2"), esu_end=wsiot.lifecycle_day("2026-10-13"))
    catalog = wsiot.Catalog([r])
    figure, ax = plt.subplots()
    assert timeline(catalog=catalog, ax=ax, title=None) is figure
    assert len(ax.patches) == 3
    assert ax.get_title() == ""
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["mainstream", "extended", "esu"]
    plt.close(figure)
