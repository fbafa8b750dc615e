// Ends a merge inside its transaction: recounts the current generation (health reads the counts from
// here, not from a scan) and bumps the data version, which invalidates analytics snapshots and metrics.
MATCH (m:Meta {key: 'dataVersion'})
CALL (m) {
  MATCH (f:Firm)
  WHERE f.gen = m.generation
  RETURN count(f) AS firms, sum(COUNT { (f)-[:SUPPLIES]->() }) AS supplies
}
SET m.value = m.value + 1, m.firms = firms, m.supplies = supplies, m.updatedAt = datetime()
RETURN m.value AS version
