from citeres.cli import main

main()
