"""Fleet audits: a stream of rows (:func:`audit`), counts (:func:`audit_counts`), a pandas
frame (:func:`audit_frame`) and the HTML page (:func:`report`)."""

from wsiot.fleet.frame import audit_frame
from wsiot.fleet.report import ReportBuilder, report
from wsiot.fleet.stream import (
    AUDIT_COLUMNS,
    ERROR_KINDS,
    INVENTORY_COLUMNS,
    PATCH_STATES,
    PRODUCT_COLUMNS,
    Audit,
    AuditRow,
    AuditSummary,
    audit,
    audit_counts,
    product_columns,
)

__all__ = ["AUDIT_COLUMNS", "ERROR_KINDS", "INVENTORY_COLUMNS", "PATCH_STATES",
           "PRODUCT_COLUMNS", "Audit", "AuditRow", "AuditSummary", "ReportBuilder", "audit",
           "audit_counts", "audit_frame", "product_columns", "report"]
