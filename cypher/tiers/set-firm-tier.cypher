// The firm's current tier follows its latest spell; its programme cohort is the year it was first selected.
MATCH (f:Firm {id: $firmId})
SET f.tier = $tier, f.cohort = coalesce(f.cohort, $cohort)
RETURN f.tier AS tier, f.cohort AS cohort
