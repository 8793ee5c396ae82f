// One entry of the audit log, written in the transaction of the write it records.
CREATE (:AuditEntry {
  id: $id, at: $at, actor: $actor, role: $role, action: $action, target: $target, detail: $detail
})
