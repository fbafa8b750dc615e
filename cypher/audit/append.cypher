// Appends one entry; the counter on its Meta node orders entries (and serialises concurrent appends).
MERGE (m:Meta {key: 'auditSeq'})
ON CREATE SET m.value = 0
SET m.value = m.value + 1
CREATE (a:AuditEntry {seq: m.value, at: datetime(), actorId: $actorId, actorName: $actorName, actorRole: $actorRole,
                      action: $action, target: $target, before: $before, after: $after, details: $details})
RETURN a.seq AS seq, toString(a.at) AS at
