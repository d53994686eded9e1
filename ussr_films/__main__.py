from ussr_films.start import run

run()
