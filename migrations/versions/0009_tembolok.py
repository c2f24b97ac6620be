"""The read-only views' shared cache: the data version (one row, raised after every commit that changes what the
views show) and the cached answers, keyed by a sha256 of the view, the user, the inputs, the day and the version.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'versidata',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('versi', sa.BigInteger(), nullable=False),
    )
    op.execute("INSERT INTO versidata (id, versi) VALUES (1, 1)")
    op.create_table(
        'tembolok',
        sa.Column('kunci', sqlmodel.sql.sqltypes.AutoString(length=64), primary_key=True),
        sa.Column('versi', sa.BigInteger(), nullable=False),
        sa.Column('dibuat', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('nilai', sa.LargeBinary(), nullable=False),
    )
    op.create_index('ix_tembolok_versi', 'tembolok', ['versi'])
    op.create_index('ix_tembolok_dibuat', 'tembolok', ['dibuat'])


def downgrade() -> None:
    op.drop_index('ix_tembolok_dibuat', 'tembolok')
    op.drop_index('ix_tembolok_versi', 'tembolok')
    op.drop_table('tembolok')
    op.drop_table('versidata')
