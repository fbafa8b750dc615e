OPTIONAL MATCH (m:Meta {key: 'metrics'})
OPTIONAL MATCH (v:Meta {key: 'dataVersion'})
RETURN properties(m) AS summary, coalesce(v.value, 0) AS dataVersion
