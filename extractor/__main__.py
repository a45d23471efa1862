"""``python -m extractor`` runs the ``extract`` command."""
from .cli import main

main()
