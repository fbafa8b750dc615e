// Newest first; every filter is optional (null matches all). `$beforeSeq` pages backwards.
MATCH (a:AuditEntry)
WHERE ($beforeSeq IS NULL OR a.seq < $beforeSeq)
  AND ($actor IS NULL OR a.actorName = $actor OR a.actorId = $actor)
  AND ($role IS NULL OR a.actorRole = $role)
  AND ($action IS NULL OR a.action = $action OR a.action STARTS WITH $action + '.')
  AND ($target IS NULL OR a.target = $target)
  AND ($from IS NULL OR a.at >= datetime($from))
  AND ($to IS NULL OR a.at < datetime($to))
RETURN a.seq AS seq, toString(a.at) AS at, a.actorId AS actorId, a.actorName AS actorName, a.actorRole AS actorRole,
       a.action AS action, a.target AS target, a.before AS before, a.after AS after, a.details AS details
ORDER BY a.seq DESC
LIMIT toInteger($limit)
