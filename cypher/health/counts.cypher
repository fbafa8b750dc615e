CALL () { MATCH (f:Firm) RETURN count(f) AS firms }
CALL () { MATCH ()-[s:SUPPLIES]->() RETURN count(s) AS supplies }
RETURN firms, supplies
