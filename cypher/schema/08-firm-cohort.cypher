CREATE INDEX firm_cohort IF NOT EXISTS FOR (f:Firm) ON (f.cohort)
