META
key;value
description;Category caps
country;Netherlands
budget;100
vote_type;approval
categories;green,kids
budget_per_category;50,60
PROJECTS
project_id;cost;category;name
g1;30;green;Trees
g2;30;green;Flowers
k1;40;kids;Playground
gk;20;green,kids;School garden
VOTES
voter_id;vote
1;g1,g2,gk
2;g1,g2,k1
3;g1,g2
4;k1,gk
