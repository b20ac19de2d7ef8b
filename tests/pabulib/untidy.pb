META
description;Untidy test instance
country;Poland
unit;Testowo
district;Centrum
instance;2021
num_projects;4
num_votes;5
budget;1000.5
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;category;votes;name;selected
p1;400;culture,sport;3;"Park; benches";1
p2;300;;2;Library;1
p3;500;None;2;"Big ""square""";0
p4;250; sport ;1;;0
VOTES
voter_id;vote
v1;p1,p2
v2;p1,p3
v3;p1,p2,p3
v4;p4
v5;