"""What the spam classifier has learned: how often each token appeared in spam and in ham."""

from __future__ import annotations

from django.db import models

# The row that counts whole decisions (documents) rather than one token. Tokens never
# contain "*", so it cannot clash with a real one.
DOCUMENTS = "*"


class ClassifierToken(models.Model):
    """One token's counts over every comment the classifier has learned from.

    Rows change only through ``masthead.comments.classifier`` (bulk queries that send no
    signals, so learning never purges the page cache).
    """

    token = models.CharField(max_length=100, primary_key=True)
    spam = models.PositiveIntegerField(default=0)
    ham = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.token}: {self.spam} spam, {self.ham} ham"
