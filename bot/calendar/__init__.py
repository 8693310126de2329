"""Calendar feeds over HTTP: a private URL per member (own tasks or the whole agenda), revocable."""
