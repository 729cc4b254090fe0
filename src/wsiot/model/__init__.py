"""What wsiot knows about: releases, editions and the catalogue; updates; applications;
workloads; the facts a machine reports."""
