// Every successful write bumps the data version, which invalidates analytics snapshots and metrics.
MERGE (m:Meta {key: 'dataVersion'})
SET m.value = coalesce(m.value, 0) + 1, m.updatedAt = datetime()
RETURN m.value AS version
