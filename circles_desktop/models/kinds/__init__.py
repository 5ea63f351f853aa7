"""The tables particular to each kind of circle beyond CoSA: Community Circles, community
conversations, communities of practice and learning circles."""
