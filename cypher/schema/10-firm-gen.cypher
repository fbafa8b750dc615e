CREATE INDEX firm_gen IF NOT EXISTS FOR (f:Firm) ON (f.gen)
