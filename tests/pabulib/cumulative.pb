META
key;value
description;Cumulative ballots
budget;100
vote_type;cumulative
max_sum_points;5
currency;EUR
PROJECTS
project_id;cost;votes;name;proposer
a;60;1;Alpha;Anna
b;50;2;Beta;Bert
c;40;1;Gamma;
VOTES
voter_id;vote;points
1;a,b;4,1
2;b,c;1,4
