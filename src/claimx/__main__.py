from claimx.cli import app

app()
