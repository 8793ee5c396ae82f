// Whether a department or region id exists (account creation checks what it is tied to).
OPTIONAL MATCH (d:RegionalHRDept {id: $deptId})
OPTIONAL MATCH (r:Region {id: $regionId})
RETURN d IS NOT NULL AS deptExists, r IS NOT NULL AS regionExists
