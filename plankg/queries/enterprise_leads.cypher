// name: enterprise_leads
// purpose: how many enterprise-leads-chain links (LEADS to a Chain) the store holds: zero means
//   no chain-leader data has been loaded yet
// params: none
// returns: leads
MATCH (:Enterprise)-[l:LEADS]->(:Chain)
RETURN count(l) AS leads
