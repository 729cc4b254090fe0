"""The chosen edition is always offered by the target release and within its own limits."""

from hypothesis import given, strategies as st

import wsiot
from wsiot import NoEditionError, Scenario, Workload, edition_for

counts = st.none() | st.integers(0, 500)
workloads = st.builds(
    Workload,
    scenario=st.sampled_from(list(Scenario)),
    users=counts,
    devices=counts,
    virtual_machines=st.integers(0, 20) | st.just("unlimited"),
    active_directory=st.booleans(),
    network_services=st.booleans(),
    peripherals=st.booleans(),
    release=st.sampled_from([None, *(r.version for r in wsiot.releases())]),
)


@given(workloads)
def test_choice_is_offered_and_within_limits(load):
    try:
        chosen = edition_for(load)
    except NoEditionError as exc:
        assert exc.reasons
        return
    target = wsiot.release(load.release) if load.release else wsiot.releases()[0]
    assert target.offers(chosen)
    if chosen.max_users is not None:
        assert load.users is not None and load.users <= chosen.max_users
    if chosen.max_devices is not None:
        assert load.devices is not None and load.devices <= chosen.max_devices
    if chosen.max_vms is not None:
        assert load.virtual_machines != "unlimited" and load.virtual_machines <= chosen.max_vms
    if not chosen.network_services:
        assert not load.network_services
    if not chosen.peripherals:
        assert not load.peripherals
    expected_kind = {"storage": {"storage"}, "telecommunications": {"telecommunications"},
                     "general": {"general", "small-business"}}[load.kind]
    assert chosen.kind.value in expected_kind
