from ussr_films.cli import main

main()
