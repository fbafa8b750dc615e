CREATE INDEX firm_tier IF NOT EXISTS FOR (f:Firm) ON (f.tier)
