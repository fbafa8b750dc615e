CREATE INDEX tier_spell_firm IF NOT EXISTS FOR (t:TierSpell) ON (t.firmId)
