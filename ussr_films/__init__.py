"""ussrfilms: an offline explorer and recommender for Soviet cinema and films about the USSR."""
