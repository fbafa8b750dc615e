CREATE INDEX firm_name_lower IF NOT EXISTS FOR (f:Firm) ON (f.nameLower)
