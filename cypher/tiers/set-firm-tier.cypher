// The firm's current tier follows its latest spell; its programme cohort is the year it was first selected.
// Only the current generation's firm: a replace being staged brings its own tiers.
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (f:Firm {id: $firmId, gen: meta.generation})
SET f.tier = $tier, f.cohort = coalesce(f.cohort, $cohort)
RETURN f.tier AS tier, f.cohort AS cohort
