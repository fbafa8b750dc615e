// What stored firm summaries depend on: the data version (imports, tier changes) and the last save of the
// metrics (a recompute rewrites every firm's metrics without a new data version).
OPTIONAL MATCH (v:Meta {key: 'dataVersion'})
OPTIONAL MATCH (m:Meta {key: 'metrics'})
RETURN coalesce(v.value, 0) AS dataVersion, toString(m.computedAt) AS metricsSavedAt
