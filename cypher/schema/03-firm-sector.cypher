CREATE INDEX firm_sector IF NOT EXISTS FOR (f:Firm) ON (f.sector)
