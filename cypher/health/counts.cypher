// The current generation's counts, kept on the Meta node by every import (no scan).
OPTIONAL MATCH (m:Meta {key: 'dataVersion'})
RETURN coalesce(m.firms, 0) AS firms, coalesce(m.supplies, 0) AS supplies
