"""Know the machine: readers over realistic samples, server versus client, editions, the shell."""

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given, strategies as st

import wsiot
from wsiot import InvalidSystemFactsError, NotServerError, SystemFacts
from wsiot.fleet import audit, audit_frame

SAMPLES = Path(__file__).parent / "samples" / "identity"
MACHINES = {  # folder: (full build, is a server, edition)
    "server2022-standard": ("10.0.20348.2762", True, "Standard"),
    "server2019-datacenter": ("10.0.17763.6414", True, "Datacenter"),
    "server2025-standard": ("10.0.26100.2033", True, "Standard"),
    "server2016-standard": ("10.0.14393.7428", True, "Standard"),
    "win10-ltsc2019": ("10.0.17763.6414", False, None),
    "win10-ltsb2016": ("10.0.14393.7428", False, None),
    "win11-enterprise-24h2": ("10.0.26100.4946", False, None),
}
READERS = {
    "registry.json": lambda p: SystemFacts.from_registry(json.loads(p.read_text())),
    "wmi.json": lambda p: SystemFacts.from_wmi(p.read_text()),
    "computerinfo.json": lambda p: SystemFacts.from_computer_info(p.read_text()),
    "systeminfo.txt": lambda p: SystemFacts.from_systeminfo(p.read_text()),
    "systeminfo.csv": lambda p: SystemFacts.from_systeminfo(p.read_text()),
}
CASES = [(m, f) for m in MACHINES for f in READERS]


@pytest.mark.parametrize(("machine", "source"), CASES)
def test_every_reader_on_every_machine(machine, source):
    full, server, edition = MACHINES[machine]
    facts = READERS[source](SAMPLES / machine / source)
    expected = wsiot.parse_build(full)
    assert str(facts.build.kernel) == str(expected.kernel)
    if source == "registry.json":  # only the registry gives the update revision
        assert str(facts.build) == str(expected)
    assert facts.is_server is server
    if server and source not in ("systeminfo.txt", "systeminfo.csv"):
        assert facts.edition == wsiot.edition(edition)
    if not server:
        assert facts.edition is None
    assert facts.facts and all(f.source == facts.source for f in facts.facts)


@pytest.mark.parametrize(("machine", "source"), CASES)
def test_clients_are_never_windows_server_iot(machine, source):
    _, server, _ = MACHINES[machine]
    facts = READERS[source](SAMPLES / machine / source)
    if server:
        assert wsiot.release_for(facts).build == facts.build.build
        assert isinstance(wsiot.is_in_servicing(facts, "2026-11-23"), bool)
    else:
        with pytest.raises(NotServerError, match=r"a Windows client .*not Windows Server IoT"):
            wsiot.is_in_servicing(facts, "2026-11-23")
        with pytest.raises(NotServerError):
            wsiot.servicing_status(facts, "2026-11-23")
        with pytest.raises(NotServerError):
            wsiot.releases_for(facts)
        assert isinstance(wsiot.NotServerError("x"), LookupError)


def test_windows_11_is_named_by_its_build_not_its_product_name():
    facts = READERS["registry.json"](SAMPLES / "win11-enterprise-24h2" / "registry.json")
    assert facts.product_name == "Windows 10 Enterprise"  # what the registry says
    assert facts.client_release == "Windows 11 24H2 (LTSC 2024)"
    with pytest.raises(NotServerError, match=r"Windows 11 24H2"):
        wsiot.release_for(facts)


@pytest.mark.parametrize("machine", ["server2022-standard", "win10-ltsc2019",
                                     "win11-enterprise-24h2"])
def test_powershell_7_enum_names_read_like_numbers(machine):
    five = SystemFacts.from_computer_info((SAMPLES / machine / "computerinfo.json").read_text())
    seven = SystemFacts.from_computer_info(
        (SAMPLES / machine / "computerinfo-pwsh7.json").read_text())
    assert (seven.is_server, seven.build, seven.edition) == (five.is_server, five.build,
                                                              five.edition)


class Version(tuple):
    def __new__(cls, build, product_type):
        self = super().__new__(cls, (10, 0, build, 2, ""))
        self.product_type = product_type
        return self

    major = property(lambda s: s[0])
    minor = property(lambda s: s[1])
    build = property(lambda s: s[2])


@pytest.mark.parametrize(("build", "product_type", "server"), [
    (20348, 3, True), (20348, 2, True), (17763, 1, False), (26100, 1, False), (26100, 3, True)])
def test_getwindowsversion(build, product_type, server):
    facts = SystemFacts.from_windows_version(Version(build, product_type))
    assert facts.is_server is server and facts.build.revision is None


# -- editions from SKUs and edition ids ------------------------------------------------------


@pytest.mark.parametrize(("sku", "edition"), [
    (7, "Standard"), (8, "Datacenter"), (79, "Standard"), (80, "Datacenter"),
    (21, "Storage Standard"), (22, "Storage Workgroup"), (44, "Storage Standard"),
    (45, "Storage Workgroup"), (95, "Storage Workgroup"), (96, "Storage Standard"),
    (50, "Essentials"), (4, None), (48, None), (191, None), (9999, None)])
def test_skus(sku, edition):
    assert wsiot.edition_of_sku(sku) == (None if edition is None else wsiot.edition(edition))


@pytest.mark.parametrize(("edition_id", "edition"), [
    ("ServerStandard", "Standard"), ("ServerDatacenterCor", "Datacenter"),
    ("ServerStandardEval", "Standard"), ("serverstorageworkgroup", "Storage Workgroup"),
    ("ServerStorageStandardCor", "Storage Standard"), ("ServerSolution", "Essentials"),
    ("ServerTurbine", "Datacenter"), ("Enterprise", None), ("IoTEnterpriseS", None),
    ("ServerFuture", None)])
def test_edition_ids(edition_id, edition):
    assert wsiot.edition_of_id(edition_id) == (None if edition is None else wsiot.edition(edition))


def test_an_unknown_edition_id_keeps_the_raw_id_and_guesses_nothing():
    facts = SystemFacts.from_values("10.0.20348.1", edition_id="ServerFuture")
    assert facts.edition is None and facts.edition_id == "ServerFuture" and facts.is_server
    named = SystemFacts.from_values("10.0.20348.1", sku="StandardServerEdition")
    assert named.sku is None and named.edition is None  # an enum name wsiot does not map
    assert SystemFacts.from_values("10.0.20348.1", sku="7.0", product_type=3.0).sku == 7


def test_multi_session_is_a_client_though_it_reports_a_server_product_type():
    facts = SystemFacts.from_values("10.0.26100.1", edition_id="ServerRdsh", product_type=3,
                                    sku=175)
    assert facts.is_server is False


# -- bad and contradictory input -------------------------------------------------------------


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"product_type": 1, "edition_id": "ServerStandard"},
     "product_type says client; edition_id says server"),
    ({"installation_type": "Client", "sku": 7}, "installation_type says client; sku says server"),
    ({"edition_id": "ServerStandard", "sku": 8}, "names Standard, SKU 8 names Datacenter"),
    ({"product_type": 7}, "product_type must be 1"),
    ({"product_type": "Mainframe"}, "WorkStation, DomainController or Server"),
    ({"edition_id": "x" * 300}, "at most 256"),
])
def test_contradictions_and_bad_values_name_the_fields(kwargs, fragment):
    with pytest.raises(InvalidSystemFactsError) as caught:
        SystemFacts.from_values("10.0.20348.1", **kwargs)
    assert fragment in str(caught.value)


def test_a_build_with_no_client_release_cannot_be_a_client():
    with pytest.raises(InvalidSystemFactsError, match=r"20348\.2762 has no Windows client release"):
        SystemFacts.from_values("10.0.20348.2762", product_type=1)


@pytest.mark.parametrize(("reader", "value"), [
    (SystemFacts.from_registry, {"UBR": 1}), (SystemFacts.from_registry, "x"),
    (SystemFacts.from_registry, {"CurrentBuild": "abc"}),
    (SystemFacts.from_registry, {"CurrentBuild": "20348", "UBR": "many"}),
    (SystemFacts.from_wmi, "{not json"), (SystemFacts.from_wmi, {"Caption": "Windows"}),
    (SystemFacts.from_wmi, [1, 2]), (SystemFacts.from_computer_info, {"OsName": "x"}),
    (SystemFacts.from_systeminfo, "Host Name: x"), (SystemFacts.from_systeminfo, 3),
    (SystemFacts.from_systeminfo, "x" * (2 << 20)),
])
def test_unreadable_sources_are_typed_errors(reader, value):
    with pytest.raises(InvalidSystemFactsError):
        reader(value)


@given(st.dictionaries(st.sampled_from(["CurrentBuild", "UBR", "EditionID", "ProductName",
                                        "InstallationType", "CurrentMajorVersionNumber"]),
                       st.one_of(st.text(max_size=30), st.integers(-5, 70000), st.none(),
                                 st.booleans(), st.floats())))
def test_any_registry_values_give_facts_or_a_wsiot_error(values):
    try:
        facts = SystemFacts.from_registry(values)
    except wsiot.WsiotError:
        return
    assert isinstance(facts.build, wsiot.Build)


# -- the provisioning check ------------------------------------------------------------------


def test_check_installation_passes_a_licensed_serviced_server():
    facts = READERS["registry.json"](SAMPLES / "server2022-standard" / "registry.json")
    check = wsiot.check_installation(facts, licensed="Standard", on="2030-01-01")
    assert check.ok and bool(check)
    assert [r.outcome.value for r in check.results] == ["passed"] * 3
    assert check.to_dict()["ok"] is True and "Standard installed" in str(check)
    assert "<table" in check._repr_html_()
    assert wsiot.assert_installation_ok(facts, licensed="Standard", on="2030-01-01") == check


def test_check_installation_fails_the_wrong_edition_an_ended_release_and_a_client():
    server = READERS["registry.json"](SAMPLES / "server2019-datacenter" / "registry.json")
    wrong = wsiot.check_installation(server, licensed="Standard", on="2030-01-01")
    assert wrong.result("edition").outcome is wsiot.Outcome.FAILED
    assert wrong.result("serviced").outcome is wsiot.Outcome.FAILED  # 2019 ended 2029-01-09
    client = READERS["registry.json"](SAMPLES / "win10-ltsc2019" / "registry.json")
    check = wsiot.check_installation(client, licensed="Standard", on="2026-01-01")
    assert check.result("server").outcome is wsiot.Outcome.FAILED
    assert not check.ok and "not ok (server failed" in repr(check)
    with pytest.raises(AssertionError, match="Windows 10 1809"):
        wsiot.assert_installation_ok(client, licensed="Standard", on="2026-01-01")


def test_check_installation_with_a_workload_and_unknown_facts():
    facts = SystemFacts.from_systeminfo(
        (SAMPLES / "server2022-standard" / "systeminfo.txt").read_text())
    check = wsiot.check_installation(facts, licensed=wsiot.workload("nas", users=30),
                                     on="2030-01-01")
    assert check.licensed.name == "Storage Workgroup"
    # systeminfo's OS Name says Standard: not the edition the workload is licensed for
    assert check.result("edition").outcome is wsiot.Outcome.FAILED
    nameless = SystemFacts.from_values("10.0.20348", product_type=3)
    check = wsiot.check_installation(nameless, licensed=wsiot.workload("nas", users=30),
                                     on="2030-01-01")
    assert check.result("edition").outcome is wsiot.Outcome.UNKNOWN
    unknown = wsiot.check_installation(SystemFacts.from_values(20348), licensed="Standard",
                                       on="2030-01-01")
    assert unknown.result("server").outcome is wsiot.Outcome.UNKNOWN
    with pytest.raises(InvalidSystemFactsError, match=r"expected a wsiot\.SystemFacts"):
        wsiot.check_installation("10.0.20348", licensed="Standard", on="2030-01-01")


# -- the shell ---------------------------------------------------------------------------------


class FakeRegistry:
    """A stand-in for winreg over a dict of values."""

    HKEY_LOCAL_MACHINE = "HKLM"

    def __init__(self, values):
        self.values = values
        self.opened = []

    def OpenKey(self, root, path):
        self.opened.append((root, path))
        return SimpleNamespace(Close=lambda: None)

    def QueryValueEx(self, key, name):
        if name not in self.values:
            raise FileNotFoundError(name)
        return self.values[name], 1


def test_local_reads_the_registry_and_the_product_type():
    from wsiot.local import REGISTRY_KEY, system_facts

    values = json.loads((SAMPLES / "server2025-standard" / "registry.json").read_text())
    registry = FakeRegistry(values)
    facts = system_facts(registry=registry, windows_version=Version(26100, 3))
    assert registry.opened == [("HKLM", REGISTRY_KEY)]
    assert facts.is_server and facts.product_type == 3 and facts.build.revision == 2033
    with pytest.raises(InvalidSystemFactsError, match="contradictory"):
        system_facts(registry=registry, windows_version=Version(26100, 1))


@pytest.mark.skipif(sys.platform == "win32", reason="checks the refusal off Windows")
def test_local_refuses_other_systems():
    from wsiot.local import system_facts

    with pytest.raises(wsiot.NotWindowsError, match="only on Windows"):
        system_facts()


def run(*args):
    return subprocess.run([sys.executable, "-m", "wsiot", *args], capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize(("machine", "code"), [
    ("server2022-standard", 0), ("server2019-datacenter", 1), ("win11-enterprise-24h2", 4)])
@pytest.mark.parametrize("source", list(READERS))
def test_inspect_from_a_saved_report(machine, code, source):
    done = run("inspect", "--from", str(SAMPLES / machine / source), "--on", "2030-01-01",
               "--format", "json")
    assert done.returncode == code, done.stderr
    (record,) = json.loads(done.stdout)
    assert record["is_server"] is (code != 4)


def test_inspect_table_warn_and_errors(tmp_path):
    sample = str(SAMPLES / "server2022-standard" / "registry.json")
    done = run("inspect", "--from", sample, "--on", "2031-10-01", "--warn-within", "30")
    assert done.returncode == 3 and "read from" in done.stdout.casefold()
    other = tmp_path / "other.json"
    other.write_text('{"colour": "red"}')
    done = run("inspect", "--from", str(other))
    assert done.returncode == 2 and "not a report wsiot reads" in done.stderr
    if sys.platform != "win32":
        done = run("inspect")
        assert done.returncode == 2 and done.stderr.count("\n") == 1


# -- fleets ------------------------------------------------------------------------------------


def test_fleet_rows_with_product_facts():
    rows = [{"device": m, "build": MACHINES[m][0],
             "os_name": json.loads((SAMPLES / m / "wmi.json").read_text())["Caption"]}
            for m in MACHINES]
    kinds = {r.device: r.error_kind for r in audit(rows, on="2026-11-23")}
    assert kinds == {m: None if server else "not-server"
                     for m, (_, server, _) in MACHINES.items()}
    facts_rows = [(m, READERS["registry.json"](SAMPLES / m / "registry.json")) for m in MACHINES]
    kinds = {r.device: r.error_kind for r in audit(facts_rows, on="2026-11-23")}
    assert kinds == {m: None if server else "not-server"
                     for m, (_, server, _) in MACHINES.items()}


def test_fleet_frames_and_csv_with_product_columns(tmp_path):
    frame = pd.DataFrame({
        "build": [b for b, _, _ in MACHINES.values()] + [None],
        "caption": [json.loads((SAMPLES / m / "wmi.json").read_text())["Caption"]
                    for m in MACHINES] + ["Windows 11"],
        "ptype": [json.loads((SAMPLES / m / "wmi.json").read_text())["ProductType"]
                  for m in MACHINES] + [None]})
    out = audit_frame(frame, on="2026-11-23",
                      product_columns={"product_name": "caption", "product_type": "ptype"})
    kinds = [None if pd.isna(k) else k for k in out["error_kind"]]
    assert kinds == [None if s else "not-server" for _, s, _ in MACHINES.values()] + ["no-build"]
    with pytest.raises(wsiot.FleetError, match="unknown product facts"):
        audit_frame(frame, on="2026-11-23", product_columns={"colour": "caption"})
    path = tmp_path / "inventory.csv"
    frame.rename(columns={"caption": "OS_Name", "ptype": "Product_Type"}).to_csv(path,
                                                                                 index=False)
    done = run("audit", str(path), "--on", "2026-11-23", "--format", "markdown")
    assert "| invalid | a Windows client, not a server | 3 |" in done.stdout
    assert "| release | Windows Storage Server 2016 | 1 |" in done.stdout


@pytest.mark.parametrize(("build", "name"), [
    ("6.3.9600", "Windows 8.1 Pro"), ("6.2.9200", "Windows 8 Enterprise"),
    ("6.3.9600", "Windows Embedded 8.1 Industry Pro"), ("6.1.7601", "Windows 7 Professional")])
def test_older_clients_are_clients_not_contradictions(build, name):
    facts = SystemFacts.from_values(build, product_name=name, product_type=1)
    assert facts.is_server is False and facts.client_release is not None
    with pytest.raises(wsiot.NotServerError):
        wsiot.release_for(facts)


def test_a_multi_session_host_from_systeminfo_is_a_client():
    text = ("OS Name:                   Microsoft Windows 11 Enterprise multi-session\n"
            "OS Version:                10.0.22621 N/A Build 22621\n"
            "OS Configuration:          Member Server\n")
    facts = SystemFacts.from_systeminfo(text)
    assert facts.is_server is False


@pytest.mark.parametrize(("name", "edition"), [
    ("Microsoft Windows Server 2022 Standard", "Standard"),
    ("Microsoft Windows Server 2025 Datacenter: Azure Edition", "Datacenter"),
    ("Windows Storage Server 2016 Workgroup", "Storage Workgroup"),
    ("Windows Storage Server 2016 Standard", "Storage Standard"),
    ("Microsoft Windows Server 2019 Essentials", "Essentials"),
    ("Microsoft Windows Server 2022", None)])
def test_the_edition_is_read_from_a_server_product_name(name, edition):
    facts = SystemFacts.from_values("10.0.20348", product_name=name)
    assert (None if facts.edition is None else facts.edition.name) == edition


def test_a_workload_name_may_be_licensed():
    facts = SystemFacts.from_values("10.0.20348.2762", edition_id="ServerStandard")
    check = wsiot.check_installation(facts, licensed="video surveillance", on="2030-01-01")
    assert check.licensed.name == "Standard" and check.ok
    with pytest.raises(wsiot.UnknownEditionError, match="Nor does it name a workload"):
        wsiot.check_installation(facts, licensed="toaster", on="2030-01-01")


def test_a_missing_ubr_suggests_no_invented_build():
    with pytest.raises(wsiot.UnknownUpdateError) as caught:
        wsiot.patch_status("10.0.17763", "2030-01-01")
    assert "17763.<UBR>" in str(caught.value) and "2762" not in str(caught.value)


SYSTEMINFO_LOCALES = {
    # German: a Windows 10 Pro, as real output prints it (no configuration line in the sample)
    "de": ("Betriebssystemname:                            Microsoft Windows 10 Pro\n"
           "Betriebssystemversion:                         10.0.19042 Nicht zutreffend Build "
           "19042\n"
           "Betriebssystemhersteller:                      Microsoft Corporation\n",
           "10.0.19042", False, "Microsoft Windows 10 Pro"),  # its name says client
    # French: a Windows Server 2019 domain controller (U+2019 apostrophes, as Windows writes)
    "fr": ("Nom de l\u2019hôte:                              DC-01\n"
           "Nom du système d\u2019exploitation:              Microsoft Windows Server 2019 "
           "Standard\n"
           "Version du système:                         10.0.17763 N/A version 17763\n"
           "Configuration du système d\u2019exploitation:    Contrôleur principal de domaine\n",
           "10.0.17763", True, "Microsoft Windows Server 2019 Standard"),
    # French as a console that lost the curly apostrophe gives it
    "fr-ascii": ("Nom du système d'exploitation:              Microsoft Windows 10 Famille\n"
                 "Version du système:                         10.0.18363 N/A version 18363\n"
                 "Configuration du système d'exploitation:    Station de travail autonome\n",
                 "10.0.18363", False, "Microsoft Windows 10 Famille"),
    # Spanish: a standalone Windows Server 2012 R2
    "es": ("Nombre de host:                            SRV-01\n"
           "Nombre del sistema operativo:              Microsoft Windows Server 2012 R2 "
           "Standard\n"
           "Versión del sistema operativo:             6.3.9600 N/D Compilación 9600\n"
           "Configuración del sistema operativo:       Servidor independiente\n",
           "6.3.9600", True, "Microsoft Windows Server 2012 R2 Standard"),
    # Japanese: a standalone workstation
    "ja": ("ホスト名:               PC-01\n"
           "OS 名:                  Microsoft Windows 11 Pro\n"
           "OS バージョン:          10.0.22631 N/A ビルド 22631\n"
           "OS 構成:                スタンドアロン ワークステーション\n",
           "10.0.22631", False, "Microsoft Windows 11 Pro"),
}


@pytest.mark.parametrize("language", sorted(SYSTEMINFO_LOCALES))
def test_systeminfo_in_the_languages_windows_server_ships_most(language):
    text, build, server, name = SYSTEMINFO_LOCALES[language]
    facts = SystemFacts.from_systeminfo(text)
    assert (str(facts.build), facts.is_server, facts.product_name) == (build, server, name)


def test_systeminfo_in_an_unknown_language_names_the_languages_read():
    with pytest.raises(InvalidSystemFactsError, match="German, French, Spanish or Japanese"):
        SystemFacts.from_systeminfo("Nome del sistema operativo: Windows\n")


@pytest.mark.parametrize(("sku", "edition"), [
    (143, "Datacenter"), (144, "Standard"), (147, "Datacenter"), (148, "Standard"),
    (159, "Datacenter"), (160, "Standard"), (407, "Datacenter"), (408, "Datacenter")])
def test_server_skus_beyond_the_getproductinfo_page_are_servers(sku, edition):
    facts = SystemFacts.from_values("10.0.20348", sku=sku)
    assert facts.is_server is True and facts.edition.name == edition
    with_id = {407: "ServerTurbine", 408: "ServerTurbineCor", 147: "ServerDatacenterCor",
               148: "ServerStandardCor"}.get(sku)
    if with_id:
        assert SystemFacts.from_values("10.0.20348", sku=sku, edition_id=with_id).edition.name \
            == edition
