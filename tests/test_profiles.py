import json

import pytest

from wsiot import Outcome, ProfileError, qualify
from wsiot.io import load_appliance

GOOD_TOML = """
name = "Contoso NAS-4000"
industry = "video security"
dedicated = true
general_purpose = false
applications = ["video archive"]
preinstalled = true
ships_with_hardware = true
primary_function = true
edition = "Storage Workgroup"
release = "2022"

[workload]
scenario = "nas"
users = 40
"""


def test_good_toml_profile(tmp_path):
    path = tmp_path / "nas.toml"
    path.write_text(GOOD_TOML)
    appliance = load_appliance(path)
    assert appliance.workload.users == 40
    assert qualify(appliance).eligible


def test_json_profile_with_unknowns(tmp_path):
    path = tmp_path / "box.json"
    path.write_text(json.dumps({"name": "box", "dedicated": True}))
    appliance = load_appliance(path)
    assert appliance.preinstalled is None
    assert qualify(appliance).result("preinstalled").outcome is Outcome.UNKNOWN


@pytest.mark.parametrize(
    ("content", "fragments"),
    [
        ('industry = "x"', ["name: missing"]),
        ('name = "x"\ndedicated = "yes"', ["dedicated: expected true or false, got 'yes'"]),
        ('name = "x"\ncolour = "red"', ["colour: unknown key (known: name,"]),
        ('name = "x"\napplications = "Exchange"', ["applications: expected a list of names"]),
        ('name = "x"\napplications = [1]', ["applications[0]: expected a name or a table", "got 1"]),
        ('name = "x"\napplications = [{ name = "A" }]', ["applications[0].category: missing"]),
        ('name = "x"\napplications = [{ name = "A", category = "x", size = 1 }]',
         ["applications[0].size: unknown key"]),
        ('name = "x"\napplications = [{ name = "A", category = "poetry" }]',
         ["applications:", "unknown application category: 'poetry'", "Or 'allowed'"]),
        ('name = "x"\napplications = [{ name = 3, category = "crm" }]',
         ["applications[0].name: expected a string, got 3"]),
        ('name = "x"\n[workload]\nusers = 3', ["workload.scenario: missing"]),
        ('name = "x"\n[workload]\nscenario = "nas"\nusers = "many"',
         ["workload.users: expected a whole number, got 'many'"]),
        ('name = "x"\n[workload]\nscenario = "nas"\nspeed = 3', ["workload.speed: unknown key"]),
        ('name = "x"\n[workload]\nscenario = "nas"\nusers = -4', ["workload.users:", "must be a whole number >= 0"]),
        ('name = "x"\n[workload]\nscenario = "toaster"', ["workload.scenario:", "unknown workload: 'toaster'"]),
        ('name = "x"\n[workload]\nscenario = "nas"\nvirtual_machines = "lots"', ["workload.virtual_machines"]),
        ('name = ""', ["name:", "non-empty string"]),
        ('name = 5\ndedicated = 3', ["name: expected a string, got 5", "dedicated: expected true or false, got 3"]),
        ("workload = 3\nname = 'x'", ["workload: expected a table"]),
    ],
)
def test_broken_profiles_name_file_and_key(tmp_path, content, fragments):
    path = tmp_path / "broken.toml"
    path.write_text(content)
    with pytest.raises(ProfileError) as info:
        load_appliance(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    for fragment in fragments:
        assert fragment in message


def test_unreadable_and_malformed_profiles(tmp_path):
    with pytest.raises(ProfileError, match="cannot read"):
        load_appliance(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("name = ")
    with pytest.raises(ProfileError, match="not valid TOML"):
        load_appliance(bad)
    top = tmp_path / "list.json"
    top.write_text("[1, 2]")
    with pytest.raises(ProfileError, match="expected a table of appliance facts"):
        load_appliance(top)
    directory = tmp_path / "dir.toml"
    directory.mkdir()
    with pytest.raises(ProfileError, match="cannot read"):
        load_appliance(directory)
