"""The questions wsiot answers: servicing, patch level, editions for workloads, licence
qualification, containers, the installation check."""
