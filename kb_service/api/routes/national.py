"""National data: the summary of every body's latest stored assessment (`GET /api/national`),
and a batch loaded into the store (`POST /api/national/import`: a zip of facts files, or facts
files, uploaded; it answers 202 at once with a job whose progress `GET
/api/national/import/{job}` shows while the bodies are validated, evaluated and stored)."""

from __future__ import annotations

import shutil
import tempfile
import threading
import uuid
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile
from fastapi.responses import JSONResponse

from kb_service.api.auth import Inspector, Viewer
from kb_service.api.common import Lang, as_of_date
from kb_service.api.state import Service, service
from kb_service.app import national as cases
from kb_service.core.problems import ProblemsError, UsageError
from kb_service.storage import StoreUnavailable

router = APIRouter(prefix="/api", tags=["national"])
Svc = Annotated[Service, Depends(service)]
MAX_IMPORT_BYTES = 512 * 1024 * 1024  # all the files of one import, as received
MAX_JOBS = 100  # finished jobs kept for their reports

_JOBS: dict[str, cases.ImportRun] = {}
_RUNNING = threading.Lock()  # one import at a time: the store has one writer anyway


@router.get("/national")
def national(user: Viewer, svc: Svc, lang: str = Lang) -> Any:
    """Counts per section and body type, the ranking and the heat map of every body's latest
    stored assessment; `report` links to the body's page."""
    return cases.stored_national(svc.storage, lang, kb=svc.kb()).to_json()


async def _receive(uploads: list[UploadFile], folder: Path) -> dict[Path, str]:
    """The uploads written into `folder` (a zip unpacked): path -> the name to report."""
    files: dict[Path, str] = {}
    total = 0
    for n, upload in enumerate(uploads):
        name = Path(upload.filename or f"file-{n}").name
        target = folder / f"u{n:05d}-{name[-100:]}"
        with target.open("wb") as sink:
            while block := await upload.read(1 << 20):
                total += len(block)
                if total > MAX_IMPORT_BYTES:
                    raise HTTPException(
                        413, f"the upload is larger than {MAX_IMPORT_BYTES:,} bytes"
                    )
                sink.write(block)
        if name.lower().endswith(".zip"):
            unpacked = folder / f"z{n:05d}"
            unpacked.mkdir()
            files.update(cases.unpack_zip(target, unpacked))
            target.unlink()
        else:
            files[target] = name
    return files


def _work(
    svc: Service, run: cases.ImportRun, folder: Path, files: dict[Path, str], as_of: Any,
    lang: str, who: str,
) -> None:  # fmt: skip
    try:
        cases.load_national(  # one worker process: the service's own keeps answering
            svc.storage, sorted(files), as_of, lang, who, kb=svc.kb(), run=run, names=files,
            jobs=1, spawned=True,
        )  # fmt: skip
    except (ProblemsError, UsageError, StoreUnavailable, OSError) as err:
        with run.lock:
            run.state, run.error = "failed", str(err)[:2000]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _RUNNING.release()


@router.post("/national/import", status_code=202)
async def national_import(
    user: Inspector, svc: Svc, files: Annotated[list[UploadFile], File()],
    as_of: Annotated[str, Form(max_length=10)],
    lang: Annotated[str, Form(pattern="^(ky|ru|en)$")] = "ky",
) -> JSONResponse:  # fmt: skip
    """Load a batch: each facts file (or each facts file in an uploaded zip) validated,
    evaluated on `as_of` and stored as its body's latest assessment (the body registered when
    new). A bad file is reported in the job and the others go on. 409 while another import runs."""
    date = as_of_date(as_of)
    if not _RUNNING.acquire(blocking=False):
        raise HTTPException(409, "another national import is running; try when it has ended")
    folder = Path(tempfile.mkdtemp(prefix="kb-national-"))
    try:
        received = await _receive(files, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        _RUNNING.release()
        raise
    job = uuid.uuid4().hex
    run = cases.ImportRun(total=len(received))
    while len(_JOBS) >= MAX_JOBS:
        _JOBS.pop(next(iter(_JOBS)))
    _JOBS[job] = run
    args = (svc, run, folder, received, date, lang, user.name)
    threading.Thread(target=_work, args=args, name=f"import-{job[:8]}", daemon=True).start()
    body = {"job": job, "status": f"/api/national/import/{job}", "total": len(received)}
    return JSONResponse(body, status_code=202)


@router.get("/national/import/{job}")
def national_import_status(job: str, user: Viewer) -> Any:
    """The import's progress: state (running, done, failed), files done of total, the bodies
    stored (assessment and version of each) and the files that failed with their problems."""
    run = _JOBS.get(job)
    if run is None:
        raise HTTPException(404, f"no import job {job[:40]!r}")
    return run.to_json()
